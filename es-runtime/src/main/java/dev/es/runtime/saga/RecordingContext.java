package dev.es.runtime.saga;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.spi.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link SagaContext} of one handler call: records what the handler asks for, so that it can be stored with
 * the new state (or thrown away when the handler fails). Ids are derived from instance, cause and call index.
 */
final class RecordingContext implements SagaContext {

  private final String saga;
  private final UUID instance;
  private final UUID cause;
  private final Instant now;
  private final CassandraEventStore store;
  private final EventSerializer json;
  final List<StagedEvent> emitted = new ArrayList<>();
  final List<SagaDeadline> deadlines;
  final List<SagaDeadline> scheduled = new ArrayList<>();
  final List<SagaDeadline> cancelled = new ArrayList<>();
  final Set<Association> associations;
  final List<StagedEvent> compensations;
  boolean ended;
  private int compensationIndex;
  private int scheduledCount;

  RecordingContext(String saga, InstanceRow row, UUID cause, Instant now, CassandraEventStore store,
      EventSerializer json) {
    this.saga = saga;
    this.instance = row.instance();
    this.cause = cause;
    this.now = now;
    this.store = store;
    this.json = json;
    this.deadlines = new ArrayList<>(row.deadlines());
    this.associations = new LinkedHashSet<>(row.associations());
    this.compensations = new ArrayList<>(row.compensations());
  }

  @Override
  public String sagaName() {
    return saga;
  }

  @Override
  public UUID instanceId() {
    return instance;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public void emit(String aggregateType, UUID aggregateId, Object event) {
    emitted.add(stage(aggregateType, aggregateId, event, SagaIds.emitted(saga, instance, cause, emitted.size())));
  }

  @Override
  public UUID schedule(String name, Instant due, String payload) {
    Objects.requireNonNull(name, "deadline name");
    Objects.requireNonNull(due, "deadline due");
    // a deadline in the past fires as soon as possible; never into a bucket the firer may already have forgotten
    Instant at = due.isBefore(now) ? now : due;
    SagaDeadline deadline = new SagaDeadline(SagaIds.deadline(saga, instance, cause, scheduledCount++), name, at,
        payload);
    scheduled.add(deadline);
    deadlines.add(deadline);
    return deadline.id();
  }

  @Override
  public void cancel(UUID deadlineId) {
    deadlines.removeIf(d -> {
      boolean match = d.id().equals(deadlineId);
      if (match) {
        cancelled.add(d);
      }
      return match;
    });
    scheduled.removeIf(d -> d.id().equals(deadlineId));
  }

  @Override
  public void cancelAll(String name) {
    for (SagaDeadline d : List.copyOf(deadlines)) {
      if (d.name().equals(name)) {
        cancel(d.id());
      }
    }
  }

  @Override
  public void associateWith(String property, Object value) {
    associations.add(new Association(Objects.requireNonNull(property, "property"),
        String.valueOf(Objects.requireNonNull(value, () -> "value of association property '" + property + "'"))));
  }

  @Override
  public void compensateWith(String aggregateType, UUID aggregateId, Object event) {
    compensations.add(stage(aggregateType, aggregateId, event,
        SagaIds.compensation(saga, instance, cause, compensationIndex++)));
  }

  @Override
  public void discardCompensations() {
    compensations.clear();
  }

  @Override
  public void end() {
    ended = true;
  }

  /**
   * Encodes the event now, so that a type the store cannot write fails the handler, not the publication. Nothing
   * here reads Cassandra: a storage failure must never count as the handler's (it would park the instance), so
   * the target stream's version is read after the handler returns.
   */
  private StagedEvent stage(String aggregateType, UUID aggregateId, Object event, UUID eventId) {
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(event, "event");
    EventType<?> type = store.registry().typeOf(event);
    return new StagedEvent(aggregateType, aggregateId, StagedEvent.UNOBSERVED, eventId, type.name(),
        type.revision(), json.write(event), MetadataContext.currentUserId(), MetadataContext.currentMetadata());
  }
}
