package dev.es.runtime;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Runs load-decide-save again after a {@link ConcurrencyConflictException}, with jittered exponential backoff. */
final class ConflictRetry {

  private static final long BASE_MILLIS = 5;
  private static final long MAX_MILLIS = 500;

  private ConflictRetry() {}

  /**
   * Runs {@code work}; on a conflict, up to {@code retries} more times (telling {@code retried} before each), then
   * rethrows the last conflict.
   */
  static <T> T run(int retries, Runnable retried, Supplier<T> work) {
    for (int attempt = 0; ; attempt++) {
      try {
        return work.get();
      } catch (ConcurrencyConflictException conflict) {
        if (attempt >= retries) {
          throw conflict;
        }
        sleep(attempt, conflict);
        retried.run();
      }
    }
  }

  private static void sleep(int attempt, ConcurrencyConflictException conflict) {
    long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt, 20));
    // "full jitter": competing writers spread out instead of colliding again in lockstep
    long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }
}
