package dev.es.runtime.saga;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.spi.EventType;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A saga as a catch-up consumer of the feed: the {@code ProjectionRunner} gives it per-shard leases and
 * checkpoints; exactly-once per instance comes from the handled ids, so a redelivery after a crash is harmless.
 * Handler failures park the instance here and never reach the runner; what does reach it (Cassandra unavailable)
 * is retried there and, if it persists, stops the saga's consumer at that event without skipping it.
 */
final class SagaFeedConsumer implements SagaConsumer {

  private final SagaProcessor<?> processor;
  private final Set<String> eventTypes;

  SagaFeedConsumer(SagaProcessor<?> processor) {
    this.processor = processor;
    this.eventTypes = processor.type().eventTypes().stream().map(EventType::name).collect(Collectors.toSet());
  }

  @Override
  public String name() {
    return SagaConsumer.nameOf(processor.name());
  }

  /** The saga's own event types (every revision has the same name): a saga never decodes the others. */
  @Override
  public boolean handles(String eventType) {
    return eventTypes.contains(eventType);
  }

  @Override
  public void handle(FeedEvent event) throws Exception {
    processor.onEvent(event.envelope());
  }
}
