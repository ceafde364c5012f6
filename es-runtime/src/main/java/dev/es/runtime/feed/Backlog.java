package dev.es.runtime.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a shard has appended but not yet published to the feed: what a consumer's lag does not see, since it counts
 * from the feed's high-water mark.
 *
 * @param shard the shard
 * @param events events appended and not yet published
 * @param streams streams with such events
 * @param oldestUnpublishedAt the timestamp of the oldest of them; empty when there is none
 */
public record Backlog(int shard, long events, long streams, Optional<Instant> oldestUnpublishedAt) {

  /** How long the oldest unpublished event has waited at {@code now}; zero when there is none. */
  public Duration age(Instant now) {
    return oldestUnpublishedAt.map(oldest -> now.isAfter(oldest) ? Duration.between(oldest, now) : Duration.ZERO)
        .orElse(Duration.ZERO);
  }
}
