package dev.es.runtime.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a saga handler may do besides changing its state. Nothing happens while the handler runs: every call is
 * recorded and takes effect only after the new state is stored, together with it, so a handler that throws (and
 * is retried) or a process that dies before the state write leaves no trace, and one that dies after it has its
 * effects completed by whoever next touches the instance (see {@code docs/sagas.md}).
 */
public interface SagaContext {

  /** The saga's name. */
  String sagaName();

  /** The instance being handled. */
  UUID instanceId();

  /** The runtime's clock, for scheduling. */
  Instant now();

  /**
   * Appends {@code event} to the aggregate's stream, exactly once per handled event even across crashes: the
   * event is stored with the state and appended afterwards under an id derived from the instance, the handled
   * event and the call's index.
   */
  void emit(String aggregateType, UUID aggregateId, Object event);

  /**
   * Schedules a deadline; its handler is called once it is due, unless cancelled first. Returns its id. The due
   * time is kept to the millisecond, as Cassandra stores it.
   */
  UUID schedule(String name, Instant due, String payload);

  /** Schedules a deadline {@code delay} from {@link #now()}. */
  default UUID schedule(String name, Duration delay) {
    return schedule(name, now().plus(delay), "");
  }

  /** Cancels a pending deadline: once the state is stored, it never fires. */
  void cancel(UUID deadlineId);

  /** Cancels every pending deadline of this instance with the given name. */
  void cancelAll(String name);

  /** Associates the instance with one more value, so that events carrying it reach this instance too. */
  void associateWith(String property, Object value);

  /**
   * Declares a compensating event: if a later handler of this instance keeps failing and the instance is parked,
   * every declared compensation is emitted, newest first. Kept with the state until the saga ends or
   * {@link #discardCompensations()}.
   */
  void compensateWith(String aggregateType, UUID aggregateId, Object event);

  /** Forgets the compensations declared so far (the steps they undo are settled). */
  void discardCompensations();

  /** Ends the instance after this handler: it gets no more events or deadlines and its associations are removed. */
  void end();
}
