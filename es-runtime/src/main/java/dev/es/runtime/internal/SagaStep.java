package dev.es.runtime.internal;

import dev.es.runtime.saga.Association;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.SagaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one handler call does to one saga instance, without storage: the rules that the runtime's saga runner and
 * es-fixtures' saga fixture both follow, so that a fixture cannot pass while the runtime decides otherwise. An
 * event that starts the instance associates it with the start event's association; the deadline being fired is
 * no longer pending when its handler runs; a deadline due in the past is due now; cancelling a deadline scheduled
 * by the same call forgets it; the ids of emitted events, compensations and deadlines are derived from saga,
 * instance, cause and call index; an instance that ends has nothing pending; a call that keeps failing parks the
 * instance, which emits its declared compensations newest first.
 *
 * <p>Where an event comes from, how often a call is retried, and how the outcome is stored are the caller's.
 */
public final class SagaStep {

  private SagaStep() {}

  /** Keeps an emitted or compensating event under its derived id; may refuse it by throwing (a handler failure). */
  @FunctionalInterface
  public interface Stager<E> {
    E stage(String aggregateType, UUID aggregateId, Object event, UUID eventId);
  }

  /**
   * What an instance keeps besides its state.
   *
   * @param deadlines deadlines that will fire unless cancelled
   * @param associations what routes events to it
   * @param compensations the compensations it declared, oldest first
   * @param <E> how an emitted or compensating event is kept
   */
  public record Pending<E>(List<SagaDeadline> deadlines, Set<Association> associations, List<E> compensations) {

    public Pending {
      deadlines = List.copyOf(deadlines);
      associations = Collections.unmodifiableSet(new LinkedHashSet<>(associations));
      compensations = List.copyOf(compensations);
    }

    /** An instance not stored yet. */
    public static <E> Pending<E> none() {
      return new Pending<>(List.of(), Set.of(), List.of());
    }
  }

  /**
   * A handler call that returned.
   *
   * @param state the state it returned (null if it returned null, which the caller refuses)
   * @param ended whether it ended the instance
   * @param pending what the instance keeps afterwards
   * @param emitted the events it emitted, in order
   * @param scheduled the deadlines it scheduled and did not cancel
   * @param cancelled the deadlines it cancelled (those of an ended instance included)
   * @param <S> the saga's state
   * @param <E> how an emitted or compensating event is kept
   */
  public record Handled<S, E>(S state, boolean ended, Pending<E> pending, List<E> emitted,
      List<SagaDeadline> scheduled, List<SagaDeadline> cancelled) {

    public Handled {
      emitted = List.copyOf(emitted);
      scheduled = List.copyOf(scheduled);
      cancelled = List.copyOf(cancelled);
    }
  }

  /**
   * An instance parked because a call kept failing: its state stays as it was.
   *
   * @param pending what it keeps: the fired deadline is no longer pending, and no compensation is left declared
   * @param compensations the declared compensations to emit now, newest first
   * @param <E> how an emitted or compensating event is kept
   */
  public record Parked<E>(Pending<E> pending, List<E> compensations) {

    public Parked {
      compensations = List.copyOf(compensations);
    }
  }

  /**
   * Calls the saga's handler of {@code event}.
   *
   * @param state the instance's state, read back from storage ({@link SagaType#create()} for a new instance)
   * @param eventId the id the derived ids are derived from
   * @param start the association of an event that may start the instance, or null
   * @throws Exception what the handler or the stager threw
   */
  public static <S, E> Handled<S, E> onEvent(SagaType<S> type, UUID instance, S state, Pending<E> pending,
      Object event, UUID eventId, Association start, Instant now, Stager<E> stager) throws Exception {
    RecordingSagaContext<E> context = new RecordingSagaContext<>(type.name(), instance, eventId, now, pending,
        stager);
    if (start != null) {
      context.associations().add(start);
    }
    S after = type.handle(state, event, context);
    return context.finish(after);
  }

  /**
   * Calls the saga's handler of a due {@code deadline}, which is no longer pending while it runs.
   *
   * @throws Exception what the handler or the stager threw
   */
  public static <S, E> Handled<S, E> onDeadline(SagaType<S> type, UUID instance, S state, Pending<E> pending,
      SagaDeadline deadline, Instant now, Stager<E> stager) throws Exception {
    RecordingSagaContext<E> context = new RecordingSagaContext<>(type.name(), instance, deadline.id(), now, pending,
        stager);
    context.firing(deadline.id());
    S after = type.onDeadline(state, deadline, context);
    return context.finish(after);
  }

  /**
   * Parks an instance whose handler of an event ({@code start} its association if it may start the instance, or
   * null) or of a deadline ({@code firing}, or null) kept failing.
   */
  public static <E> Parked<E> park(Pending<E> pending, Association start, SagaDeadline firing) {
    List<SagaDeadline> deadlines = pending.deadlines().stream()
        .filter(d -> firing == null || !d.id().equals(firing.id()))
        .toList();
    Set<Association> associations = new LinkedHashSet<>(pending.associations());
    if (start != null) {
      associations.add(start);
    }
    List<E> compensations = new ArrayList<>(pending.compensations());
    Collections.reverse(compensations);
    return new Parked<>(new Pending<>(deadlines, associations, List.of()), compensations);
  }
}
