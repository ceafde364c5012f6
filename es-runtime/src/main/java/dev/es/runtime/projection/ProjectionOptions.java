package dev.es.runtime.projection;

/**
 * How a {@link ProjectionRunner} runs one projection.
 *
 * @param concurrency how many events of different aggregates a shard worker handles at once; events of one
 *     aggregate are always handled one after another, in version order. 1 handles a shard strictly in feed order.
 */
public record ProjectionOptions(int concurrency) {

  /** The default degree: enough to overlap the round trips of handlers that do I/O, small enough for one node. */
  public static final int DEFAULT_CONCURRENCY = 16;

  public ProjectionOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
  }

  /** Concurrency {@value #DEFAULT_CONCURRENCY}. */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(DEFAULT_CONCURRENCY);
  }

  public ProjectionOptions withConcurrency(int events) {
    return new ProjectionOptions(events);
  }
}
