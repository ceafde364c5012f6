package dev.es.runtime.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which event of the feed: where it is and what it is, without its payload. Read from the feed row's own columns,
 * so it is known even for an event that cannot be decoded.
 *
 * @param shard the feed shard it is in
 * @param position its position in the shard
 * @param eventId the event's id
 * @param eventType the stored event type name
 * @param revision the stored revision (before any upcasting)
 * @param aggregateId the aggregate it belongs to
 * @param version its version in the aggregate's stream
 * @param timestamp when it was appended
 */
public record FeedEventRef(int shard, long position, UUID eventId, String eventType, int revision,
    UUID aggregateId, long version, Instant timestamp) {

  public FeedEventRef {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Names the event: shard and position, type and revision, id, aggregate and version. */
  public String describe() {
    return "shard " + shard + " position " + position + ": event " + eventType + " revision " + revision + " (id "
        + eventId + ") of aggregate " + aggregateId + " version " + version;
  }
}
