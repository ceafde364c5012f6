package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEvent;

/**
 * A read model kept up to date from events. Generated projector dispatchers implement it; so can application
 * code.
 *
 * <p>Catch-up projections get every event of the feed once, in feed order (events of one aggregate in version
 * order), and are checkpointed after handling; after a crash, the events since the last checkpoint are handled
 * again, so handlers should be idempotent (an upsert of the read-model row is). Inline projections get the
 * events of each successful append, on the appending thread, with {@link FeedEvent#NOT_IN_FEED} positions.
 */
public interface Projection {

  /**
   * A stable name, unique among projections: it keys the projection's checkpoints and leases. Any characters, but
   * not blank and not starting with {@code saga:} (the feed consumers of sagas are named so).
   */
  String name();

  /** Updates the read model with one event. Throwing makes the runner retry, then stop the projection. */
  void handle(FeedEvent event) throws Exception;

  /** Empties the read model before a rebuild from position zero (e.g. truncates its tables). */
  default void reset() throws Exception {}
}
