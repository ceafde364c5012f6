package dev.es.runtime.saga;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.internal.SagaStep;
import dev.es.runtime.internal.StorePrivacy;
import dev.es.runtime.spi.EventType;
import java.util.UUID;

/**
 * Encodes an emitted or compensating event for the store as soon as the handler asks for it, so that a type the
 * store cannot write fails the handler, not the publication. Nothing here reads Cassandra: a storage failure must
 * never count as the handler's (it would park the instance), so the target stream's version is read after the
 * handler returns.
 *
 * <p>Personal data is sealed here as the store seals it: the staged JSON stays in the instance's row after it is
 * appended (an outbox until the next step overwrites it, compensations until they are settled, the last outbox of
 * an ended instance for good), where a clear text would outlive its subject's key.
 */
final class StoreStager implements SagaStep.Stager<StagedEvent> {

  private final CassandraEventStore store;
  private final EventSerializer json;

  StoreStager(CassandraEventStore store, EventSerializer json) {
    this.store = store;
    this.json = json;
  }

  @Override
  public StagedEvent stage(String aggregateType, UUID aggregateId, Object event, UUID eventId) {
    EventType<?> type = store.registry().typeOf(event);
    String payload = json.write(event);
    if (!type.personalData().isEmpty()) {
      payload = StorePrivacy.of(store).seal(type, aggregateId, payload, subject -> {});
    }
    return new StagedEvent(aggregateType, aggregateId, StagedEvent.UNOBSERVED, eventId, type.name(),
        type.revision(), payload, MetadataContext.currentUserId(), MetadataContext.currentMetadata());
  }
}
