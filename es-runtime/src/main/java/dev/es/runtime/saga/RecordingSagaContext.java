package dev.es.runtime.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link SagaContext} that records what one handler call asks for, to be stored with the instance's new state
 * or thrown away if the handler fails. The runtime's context and the testkit's saga fixture extend it, so that both
 * follow the same rules: a deadline due in the past is due now; cancelling a deadline scheduled by the same call
 * forgets it; ids of emitted events, compensations and deadlines are derived from saga, instance, cause and call
 * index; an ended instance's pending deadlines are cancelled with it. Handlers only ever see {@link SagaContext}.
 *
 * @param <E> how an emitted or compensating event is kept
 */
public abstract class RecordingSagaContext<E> implements SagaContext {

  private final String saga;
  private final UUID instance;
  private final UUID cause;
  private final Instant now;
  private final List<E> emitted = new ArrayList<>();
  private final List<SagaDeadline> deadlines;
  private final List<SagaDeadline> scheduled = new ArrayList<>();
  private final List<SagaDeadline> cancelled = new ArrayList<>();
  private final List<E> compensations;
  private boolean ended;
  private int compensationIndex;
  private int scheduledCount;

  /**
   * @param cause the id of the event or deadline being handled
   * @param deadlines the instance's pending deadlines before the call
   * @param compensations the compensations it declared before the call
   */
  protected RecordingSagaContext(String saga, UUID instance, UUID cause, Instant now, List<SagaDeadline> deadlines,
      List<E> compensations) {
    this.saga = saga;
    this.instance = instance;
    this.cause = cause;
    this.now = now;
    this.deadlines = new ArrayList<>(deadlines);
    this.compensations = new ArrayList<>(compensations);
  }

  /** Keeps an emitted or compensating event under the given id; fails the handler if it cannot be stored. */
  protected abstract E stage(String aggregateType, UUID aggregateId, Object event, UUID eventId);

  @Override
  public final String sagaName() {
    return saga;
  }

  @Override
  public final UUID instanceId() {
    return instance;
  }

  @Override
  public final Instant now() {
    return now;
  }

  @Override
  public final void emit(String aggregateType, UUID aggregateId, Object event) {
    emitted.add(stage(aggregateType, aggregateId, event, SagaIds.emitted(saga, instance, cause, emitted.size())));
  }

  @Override
  public final UUID schedule(String name, Instant due, String payload) {
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
  public final void cancel(UUID deadlineId) {
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
  public final void cancelAll(String name) {
    for (SagaDeadline d : List.copyOf(deadlines)) {
      if (d.name().equals(name)) {
        cancel(d.id());
      }
    }
  }

  @Override
  public final void compensateWith(String aggregateType, UUID aggregateId, Object event) {
    compensations.add(stage(aggregateType, aggregateId, event,
        SagaIds.compensation(saga, instance, cause, compensationIndex++)));
  }

  @Override
  public final void discardCompensations() {
    compensations.clear();
  }

  @Override
  public final void end() {
    ended = true;
  }

  /** Before the handler runs: the deadline being handled is no longer pending. */
  public final void firing(UUID deadlineId) {
    deadlines.removeIf(d -> d.id().equals(deadlineId));
  }

  /**
   * After the handler returned: an ended instance has nothing pending, its deadlines are cancelled with it and its
   * compensations are dropped.
   */
  public final void finish() {
    if (ended) {
      cancelled.addAll(deadlines);
      deadlines.clear();
      compensations.clear();
    }
  }

  /** The events emitted by this call, in order. */
  public final List<E> emitted() {
    return emitted;
  }

  /** The instance's pending deadlines after this call. */
  public final List<SagaDeadline> deadlines() {
    return deadlines;
  }

  /** The deadlines this call scheduled and did not cancel. */
  public final List<SagaDeadline> scheduled() {
    return scheduled;
  }

  /** The deadlines this call cancelled. */
  public final List<SagaDeadline> cancelled() {
    return cancelled;
  }

  /** The compensations declared so far, this call's included; none after {@link #finish()} of an ended instance. */
  public final List<E> compensations() {
    return compensations;
  }

  /** Whether the handler ended the instance. */
  public final boolean ended() {
    return ended;
  }
}
