package dev.es.runtime.internal;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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

  /** Waits for every stage; the first failure is thrown as {@link #join} throws it. */
  public static void awaitAll(Collection<? extends CompletionStage<?>> stages) {
    join(CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
        .toArray(CompletableFuture[]::new)));
  }
}
