package dev.es.it.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A session whose first batches (appends) fail as if timed out without having reached Cassandra, but are held
 * and applied later, the way a coordinator still retrying its Paxos round (or a write stuck in a replica's queue)
 * can apply a write after the client gave up on it. The first held batch lands on its own after a given number
 * of further requests have been answered, just before the next one is sent; the rest land on {@link #landHeld()}.
 * Everything else goes to the real session.
 */
final class LateLandingSession {

  /** Never lands on its own: only {@link #landHeld()} applies the held batches. */
  static final int ONLY_WHEN_TOLD = -1;

  private final CqlSession real;
  private final int answeredBeforeLanding;
  private final Deque<Statement<?>> held = new ArrayDeque<>();
  private final CqlSession session;
  private int toHold;
  private int batches;
  /** Requests still to be answered before the first held batch lands; -1 when there is none to land. */
  private int untilLanding = -1;

  /**
   * @param toHold how many batches, from the first, fail with {@code failure} and are held
   * @param answeredBeforeLanding how many requests after the first held batch are answered before it lands (0:
   *     just before the next request; 1: after the store's read-back), or {@link #ONLY_WHEN_TOLD}
   */
  LateLandingSession(CqlSession real, int toHold, RuntimeException failure, int answeredBeforeLanding) {
    this.real = real;
    this.toHold = toHold;
    this.answeredBeforeLanding = answeredBeforeLanding;
    this.session = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
        new Class<?>[] {CqlSession.class}, (proxy, method, args) -> {
          if (!method.getName().startsWith("execute") || args == null || !(args[0] instanceof Statement<?> sent)) {
            return TimingOutSession.invoke(real, method, args);
          }
          if (holds(sent)) {
            throw failure;
          }
          Object answer = TimingOutSession.invoke(real, method, args);
          answered();
          return answer;
        });
  }

  /** The session to build the store on. */
  CqlSession session() {
    return session;
  }

  /** How many batches were sent through {@link #session()}, held ones included. */
  synchronized int batches() {
    return batches;
  }

  /** Applies every batch still held, in the order they were sent. */
  synchronized void landHeld() {
    untilLanding = -1;
    while (!held.isEmpty()) {
      real.execute(held.removeFirst());
    }
  }

  /** Lands the first held batch if its time has come, then holds {@code sent} if it is one of the first batches. */
  private synchronized boolean holds(Statement<?> sent) {
    if (untilLanding == 0) {
      real.execute(held.removeFirst());
      untilLanding = -1;
    }
    if (!(sent instanceof BatchStatement)) {
      return false;
    }
    batches++;
    if (toHold == 0) {
      return false;
    }
    toHold--;
    if (batches == 1 && answeredBeforeLanding != ONLY_WHEN_TOLD) {
      untilLanding = answeredBeforeLanding;
    }
    held.addLast(sent);
    return true;
  }

  private synchronized void answered() {
    if (untilLanding > 0) {
      untilLanding--;
    }
  }
}
