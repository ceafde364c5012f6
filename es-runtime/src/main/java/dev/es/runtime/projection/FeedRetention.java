package dev.es.runtime.projection;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.ShardTrim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the feed from growing forever: removes the feed buckets (whole partitions) that every consumer registered on
 * the feed — every projection and saga consumer any runner ever hosted, on every shard — has passed, and whose events
 * are older than the retention period. What a consumer has not handled is never removed: its checkpoints, its parked
 * events and a replay pending for it all hold the floor back. A consumer that starts below the floor later (a new
 * projection, a rebuild) reads the removed part from the events table first ({@link ReplayRequest.Kind#CATCH_UP}).
 *
 * <p>Any number of processes may run it; trims of one shard take turns (see {@link dev.es.runtime.feed.FeedFloors}).
 * A consumer that is registered but no longer run by any runner holds the floor back for good: remove its row from
 * {@code consumer_controls} when the projection is retired.
 */
public final class FeedRetention implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedRetention.class);

  private final Feed feed;
  private final Duration keepFor;
  private final ConsumerControls controls;
  private final ConsumerLayouts layouts;
  private final ConsumerProgress progress;
  private final ParkedEventStore parked;
  private ScheduledExecutorService scheduler;

  /**
   * Retention of a feed that keeps every event for at least {@code keepFor} after its append (zero: remove what
   * every consumer has passed, however recent).
   */
  public FeedRetention(Feed feed, Duration keepFor) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.keepFor = Objects.requireNonNull(keepFor, "keepFor");
    if (keepFor.isNegative()) {
      throw new IllegalArgumentException("keepFor must not be negative, was " + keepFor);
    }
    this.controls = new ConsumerControls(feed.session(), feed.store().options());
    this.layouts = new ConsumerLayouts(feed.session(), feed.store().options());
    this.progress = new ConsumerProgress(feed);
    this.parked = new ParkedEventStore(feed.session(), feed.store().options());
  }

  /** Trims every shard once, as far as its consumers and the retention period allow. */
  public List<ShardTrim> trimOnce() {
    Instant appendedBefore = feed.store().options().clock().instant().minus(keepFor);
    List<ShardTrim> trims = new ArrayList<>();
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      trims.add(feed.trimmer().trim(shard, appendedBefore, this::lowestUnhandled));
    }
    return trims;
  }

  /** Trims every {@code every} in a background thread until closed; a failed trim is logged and tried again. */
  public synchronized FeedRetention start(Duration every) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "es-feed-retention");
        thread.setDaemon(true);
        return thread;
      });
      scheduler.scheduleWithFixedDelay(this::trimLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void trimLogged() {
    try {
      for (ShardTrim trim : trimOnce()) {
        if (trim.bucketsRemoved() > 0) {
          LOG.info("Feed shard {}: removed {} buckets, it begins at {}", trim.shard(), trim.bucketsRemoved(),
              trim.floor());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Feed retention failed, trying again at the next run: {}", e.toString());
    }
  }

  /**
   * The lowest position of a shard a consumer still has to read, from storage: over every registered consumer, its
   * stored checkpoints (serial reads), its parked events and a replay pending for it; at most the shard's head.
   */
  long lowestUnhandled(int shard) {
    long lowest = feed.headPosition(shard);
    for (ConsumerControl control : controls.all()) {
      String consumer = control.consumer();
      lowest = Math.min(lowest, progress.lowestStoredPosition(layouts.current(consumer, shard)));
      Long replayFrom = control.replay().map(replay -> replay.positions().get(shard)).orElse(null);
      if (replayFrom != null) {
        lowest = Math.min(lowest, replayFrom);
      }
      for (ParkedEvent event : parked.onShard(consumer, shard)) {
        lowest = Math.min(lowest, event.event().position());
      }
    }
    return lowest;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
