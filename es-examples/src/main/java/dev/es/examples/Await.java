package dev.es.examples;

import com.datastax.oss.driver.api.core.DriverException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition of the read side until it holds. A poll that fails because Cassandra did not answer (a node
 * busy for a moment under load) counts as "not yet": the read side's own workers retry such failures too.
 */
final class Await {

  private Await() {}

  /** Polls {@code done} every 20 ms; after {@code limit}, throws with {@code why} as the message. */
  static void until(BooleanSupplier done, Duration limit, Supplier<String> why) throws InterruptedException {
    until(done, Duration.ofMillis(20), limit, why);
  }

  /** Polls {@code done} every {@code interval}; after {@code limit}, throws with {@code why} as the message. */
  static void until(BooleanSupplier done, Duration interval, Duration limit, Supplier<String> why)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!holds(done)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(describe(why));
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /** The reason, or what stopped it from being read: a timeout's message must not itself fail on a busy node. */
  private static String describe(Supplier<String> why) {
    try {
      return why.get();
    } catch (DriverException unanswered) {
      return "(the state could not be read: " + unanswered.getMessage() + ")";
    }
  }

  private static boolean holds(BooleanSupplier done) {
    try {
      return done.getAsBoolean();
    } catch (DriverException unanswered) {
      return false;
    }
  }
}
