package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEventRef;

/**
 * A projection stopped on an event it could not handle: its handler kept failing on it, or, for a type it
 * handles, the event could not be decoded. Its checkpoint stays before that event, so nothing is skipped: fix the
 * handler (or the data, or register the missing revision or upcaster) and start the projection again.
 *
 * @param projection the projection's name
 * @param event the event it could not handle, named without its payload
 * @param attempts how many times it was tried
 * @param cause the last failure
 */
public record ProjectionFailure(String projection, FeedEventRef event, int attempts, Throwable cause) {

  /** A one-line report naming the projection, the shard and position, the event, its aggregate and version. */
  public String describe() {
    return "Projection '" + projection + "' stopped at " + event.describe() + ": failed " + attempts
        + " times; last error: " + cause;
  }
}
