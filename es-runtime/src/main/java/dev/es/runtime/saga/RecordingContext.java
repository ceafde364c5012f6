package dev.es.runtime.saga;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.spi.EventType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The runtime's {@link SagaContext} of one handler call: emitted and compensating events are encoded when the
 * handler asks for them; associations are the runtime's own.
 */
final class RecordingContext extends RecordingSagaContext<StagedEvent> {

  private final CassandraEventStore store;
  private final EventSerializer json;
  final Set<Association> associations;

  RecordingContext(String saga, InstanceRow row, UUID cause, Instant now, CassandraEventStore store,
      EventSerializer json) {
    super(saga, row.instance(), cause, now, row.deadlines(), row.compensations());
    this.store = store;
    this.json = json;
    this.associations = new LinkedHashSet<>(row.associations());
  }

  @Override
  public void associateWith(String property, Object value) {
    associations.add(new Association(Objects.requireNonNull(property, "property"),
        String.valueOf(Objects.requireNonNull(value, () -> "value of association property '" + property + "'"))));
  }

  /**
   * Encodes the event now, so that a type the store cannot write fails the handler, not the publication. Nothing
   * here reads Cassandra: a storage failure must never count as the handler's (it would park the instance), so
   * the target stream's version is read after the handler returns.
   */
  @Override
  protected StagedEvent stage(String aggregateType, UUID aggregateId, Object event, UUID eventId) {
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(event, "event");
    EventType<?> type = store.registry().typeOf(event);
    return new StagedEvent(aggregateType, aggregateId, StagedEvent.UNOBSERVED, eventId, type.name(),
        type.revision(), json.write(event), MetadataContext.currentUserId(), MetadataContext.currentMetadata());
  }
}
