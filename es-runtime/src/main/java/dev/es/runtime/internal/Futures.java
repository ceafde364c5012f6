package dev.es.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for the driver's asynchronous results. */
public final class Futures {

  private Futures() {}

  /**
   * The result, waited for; a failure is thrown as the driver raised it (a timeout, an unavailable node), not
   * wrapped in a {@link CompletionException}, so callers and statuses name the real cause.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
