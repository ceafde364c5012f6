package dev.es.runtime.feed;

import dev.es.runtime.EventEnvelope;
import java.util.Objects;

/**
 * One event as the feed delivers it.
 *
 * @param shard the feed shard it is in
 * @param position its position in the shard: gapless, starting at 0; a consumer stores {@code position + 1} as
 *     its checkpoint
 * @param envelope the event
 */
public record FeedEvent(int shard, long position, EventEnvelope<Object> envelope) {

  /** The shard and position of an event handed to an inline projection, before it reaches the feed. */
  public static final int NOT_IN_FEED = -1;

  public FeedEvent {
    Objects.requireNonNull(envelope, "envelope");
  }
}
