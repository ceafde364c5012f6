package dev.es.runtime.projection;

import java.util.Objects;

/**
 * How a {@link ProjectionRunner} runs one projection.
 *
 * @param concurrency how many events of different aggregates a shard worker handles at once; events of one
 *     aggregate are always handled one after another, in version order. 1 handles a shard strictly in feed order.
 * @param failurePolicy what happens to an event the projection cannot handle (its handler keeps failing, or it
 *     cannot be decoded): stop there, or park it and go on
 */
public record ProjectionOptions(int concurrency, FailurePolicy failurePolicy) {

  /** The default degree: enough to overlap the round trips of handlers that do I/O, small enough for one node. */
  public static final int DEFAULT_CONCURRENCY = 16;

  public ProjectionOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    Objects.requireNonNull(failurePolicy, "failurePolicy");
  }

  /** Concurrency {@value #DEFAULT_CONCURRENCY}; stops at an event it cannot handle ({@link FailurePolicy#STOP}). */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(DEFAULT_CONCURRENCY, FailurePolicy.STOP);
  }

  public ProjectionOptions withConcurrency(int events) {
    return new ProjectionOptions(events, failurePolicy);
  }

  public ProjectionOptions withFailurePolicy(FailurePolicy policy) {
    return new ProjectionOptions(concurrency, policy);
  }
}
