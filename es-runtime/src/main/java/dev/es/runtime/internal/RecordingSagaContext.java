package dev.es.runtime.internal;

import dev.es.runtime.saga.Association;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link SagaContext} of one handler call ({@link SagaStep}): records what the handler asks for, to be stored
 * with the instance's new state or thrown away if the call fails. Handlers only ever see {@link SagaContext}.
 *
 * @param <E> how an emitted or compensating event is kept
 */
final class RecordingSagaContext<E> implements SagaContext {

  private final String saga;
  private final UUID instance;
  private final UUID cause;
  private final Instant now;
  private final SagaStep.Stager<E> stager;
  private final List<E> emitted = new ArrayList<>();
  private final List<SagaDeadline> deadlines;
  private final Set<Association> associations;
  private final List<SagaDeadline> scheduled = new ArrayList<>();
  private final List<SagaDeadline> cancelled = new ArrayList<>();
  private final List<E> compensations;
  private boolean ended;
  private int compensationIndex;
  private int scheduledCount;

  /**
   * @param cause the id of the event or deadline being handled
   * @param before what the instance kept before the call
   */
  RecordingSagaContext(String saga, UUID instance, UUID cause, Instant now, SagaStep.Pending<E> before,
      SagaStep.Stager<E> stager) {
    this.saga = saga;
    this.instance = instance;
    this.cause = cause;
    this.now = now;
    this.stager = stager;
    this.deadlines = new ArrayList<>(before.deadlines());
    this.associations = new LinkedHashSet<>(before.associations());
    this.compensations = new ArrayList<>(before.compensations());
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
    // a deadline in the past fires as soon as possible; never into a bucket the firer may already have forgotten.
    // Milliseconds, as the deadline's row stores it: the instance's pending deadline is then the same value.
    Instant at = (due.isBefore(now) ? now : due).truncatedTo(ChronoUnit.MILLIS);
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
  public void compensateWith(String aggregateType, UUID aggregateId, Object event) {
    compensations.add(stage(aggregateType, aggregateId, event,
        SagaIds.compensation(saga, instance, cause, compensationIndex++)));
  }

  @Override
  public void discardCompensations() {
    compensations.clear();
  }

  @Override
  public void associateWith(String property, Object value) {
    associations.add(new Association(Objects.requireNonNull(property, "property"),
        String.valueOf(Objects.requireNonNull(value, () -> "value of association property '" + property + "'"))));
  }

  @Override
  public void end() {
    ended = true;
  }

  private E stage(String aggregateType, UUID aggregateId, Object event, UUID eventId) {
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(event, "event");
    return stager.stage(aggregateType, aggregateId, event, eventId);
  }

  /** The associations so far, to add the start event's before the handler runs. */
  Set<Association> associations() {
    return associations;
  }

  /** Before the handler runs: the deadline being handled is no longer pending. */
  void firing(UUID deadlineId) {
    deadlines.removeIf(d -> d.id().equals(deadlineId));
  }

  /**
   * After the handler returned {@code state}: an ended instance has nothing pending, its deadlines are cancelled
   * with it and its compensations are dropped.
   */
  <S> SagaStep.Handled<S, E> finish(S state) {
    if (ended) {
      cancelled.addAll(deadlines);
      deadlines.clear();
      compensations.clear();
    }
    return new SagaStep.Handled<>(state, ended, new SagaStep.Pending<>(deadlines, associations, compensations),
        emitted, scheduled, cancelled);
  }
}
