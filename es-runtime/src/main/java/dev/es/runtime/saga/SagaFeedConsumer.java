package dev.es.runtime.saga;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;

/**
 * A saga as a catch-up consumer of the feed: the {@code ProjectionRunner} gives it per-shard leases and
 * checkpoints; exactly-once per instance comes from the handled ids, so a redelivery after a crash is harmless.
 * Handler failures park the instance here and never reach the runner; what does reach it (Cassandra unavailable)
 * is retried there and, if it persists, stops the saga's consumer at that event without skipping it.
 */
final class SagaFeedConsumer implements Projection {

  private final SagaProcessor<?> processor;

  SagaFeedConsumer(SagaProcessor<?> processor) {
    this.processor = processor;
  }

  static String projectionName(String saga) {
    return ProjectionRunner.SAGA_CONSUMER_PREFIX + saga;
  }

  @Override
  public String name() {
    return projectionName(processor.name());
  }

  @Override
  public void handle(FeedEvent event) throws Exception {
    processor.onEvent(event.envelope());
  }
}
