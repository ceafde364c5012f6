package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEventRef;

/**
 * A projection stopped on an event it could not handle (its handler kept failing on it, or, for a type it handles,
 * the event could not be decoded), or because a shard worker itself failed. Its checkpoint stays before every
 * event not handled, so nothing is skipped: fix the handler (or the data, or register the missing revision or
 * upcaster) and start the projection again.
 *
 * @param projection the projection's name
 * @param shard the feed shard whose worker stopped
 * @param event the event it could not handle, named without its payload; null when the worker failed outside any
 *     handler
 * @param attempts how many times the event was tried; 0 when the worker failed outside any handler
 * @param cause the last failure
 */
public record ProjectionFailure(String projection, int shard, FeedEventRef event, int attempts, Throwable cause) {

  /** A failure to decode or handle {@code event}, on the event's shard. */
  public ProjectionFailure(String projection, FeedEventRef event, int attempts, Throwable cause) {
    this(projection, event.shard(), event, attempts, cause);
  }

  /** A shard worker's own failure (e.g. an {@link Error} while reading the feed), outside any handler. */
  public static ProjectionFailure ofWorker(String projection, int shard, Throwable cause) {
    return new ProjectionFailure(projection, shard, null, 0, cause);
  }

  /** A one-line report naming the projection, the shard and position, the event, its aggregate and version. */
  public String describe() {
    if (event == null) {
      return "Projection '" + projection + "' stopped on shard " + shard + ": its worker failed outside any"
          + " handler: " + cause;
    }
    return "Projection '" + projection + "' stopped at " + event.describe() + ": failed " + attempts
        + " times; last error: " + cause;
  }
}
