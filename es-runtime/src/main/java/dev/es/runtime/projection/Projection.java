package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A read model kept up to date from events. Generated projector dispatchers implement it; so can application
 * code.
 *
 * <p>Catch-up projections get every event of the feed once, the events of one aggregate one after another in
 * version order and, up to the projection's {@link ProjectionOptions#concurrency concurrency}, events of different
 * aggregates at the same time, on different threads: a handler must be safe to call concurrently for different
 * aggregates. The checkpoint never passes an event not handled yet; after a crash, the events since the last
 * checkpoint are handled again, so handlers should be idempotent (an upsert of the read-model row is). Inline
 * projections get the events of each successful append, on the appending thread, with
 * {@link FeedEvent#NOT_IN_FEED} positions.
 */
public interface Projection {

  /**
   * A stable name, unique among projections: it keys the projection's checkpoints and leases. Any characters, but
   * not blank and not starting with {@code saga:} (the feed consumers of sagas are named so).
   */
  String name();

  /**
   * Whether this projection handles events of a stored type name ({@code @Event} name). A runner decodes only the
   * events it handles and passes over the others without decoding them, so a process that does not know an event
   * type is never stopped by it. The default handles every type.
   */
  default boolean handles(String eventType) {
    return true;
  }

  /** Updates the read model with one event. Throwing makes the runner retry, then apply its failure policy. */
  void handle(FeedEvent event) throws Exception;

  /**
   * Updates the read model with one event without holding a thread while it waits for I/O: the stage completes
   * when the event is handled, exceptionally when it could not be. A runner calls this one; the default calls
   * {@link #handle} on the calling thread.
   */
  default CompletionStage<Void> handleAsync(FeedEvent event) {
    try {
      handle(event);
      return CompletableFuture.completedFuture(null);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Empties the read model before a rebuild from position zero (e.g. truncates its tables). */
  default void reset() throws Exception {}
}
