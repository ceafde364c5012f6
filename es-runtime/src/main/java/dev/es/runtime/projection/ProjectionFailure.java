package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEvent;

/**
 * A projection stopped on an event its handler kept failing on; its checkpoint stays before that event, so
 * nothing is skipped: fix the handler (or the data) and start the projection again.
 *
 * @param projection the projection's name
 * @param event the event it could not handle
 * @param attempts how many times it was tried
 * @param cause the last failure
 */
public record ProjectionFailure(String projection, FeedEvent event, int attempts, Throwable cause) {

  /** A one-line report naming the projection, the shard and position, the aggregate, version and event type. */
  public String describe() {
    return "Projection '" + projection + "' stopped at shard " + event.shard() + " position " + event.position()
        + ": event " + event.envelope().eventType() + " (id " + event.envelope().eventId() + ") of aggregate "
        + event.envelope().aggregateId() + " version " + event.envelope().version() + " failed " + attempts
        + " times; last error: " + cause;
  }
}
