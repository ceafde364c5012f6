package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEventRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked events of one projection on one feed shard and slice range, as the worker holding that range's lease
 * knows them:
 * loaded when it takes the lease, kept up to date as it parks, retries and skips, and looked at again in the
 * table every poll interval while any are parked (for the requests made through {@link ParkedEvents}), or every
 * half lease otherwise (for rows a fenced-off predecessor may have written after this worker loaded them).
 *
 * <p>The rule it keeps: an event of an aggregate with parked events after its first parked version is parked
 * behind them, not handled, so an aggregate's events are handled in version order or not at all.
 */
final class ParkedShard {

  private static final Logger LOG = LoggerFactory.getLogger(ParkedShard.class);

  /** Handles a parked event again; empty on success, else why it failed. */
  @FunctionalInterface
  interface Retrier {
    Optional<ProjectionFailure> retry(ParkedEvent parked) throws InterruptedException;
  }

  private final ParkedEventStore store;
  private final String projection;
  private final int shard;
  private final SliceRange range;
  private final Duration lookWhileParked;
  private final Duration lookOtherwise;
  private final Map<UUID, NavigableMap<Long, ParkedEvent>> byAggregate = new HashMap<>();
  private long nextLook;

  ParkedShard(ParkedEventStore store, String projection, int shard, SliceRange range, Duration lookWhileParked,
      Duration lookOtherwise) {
    this.store = store;
    this.projection = projection;
    this.shard = shard;
    this.range = range;
    this.lookWhileParked = lookWhileParked;
    this.lookOtherwise = lookOtherwise;
  }

  /** Reads this shard's parked events from the table, replacing what was known: when the worker takes the lease. */
  synchronized void load() {
    byAggregate.clear();
    look();
  }

  /**
   * Reads this shard's parked events from the table again, adding what is new and the requests made meanwhile.
   * What this worker parked stays known even if a read at a weak consistency level missed it: only this worker
   * removes parked events while it holds the lease, and forgets them as it does.
   */
  private void look() {
    for (ParkedEvent parked : store.onShard(projection, shard)) {
      if (range.contains(parked.event().aggregateId())) { // the other ranges' owners handle the others
        known(parked);
      }
    }
    nextLook = System.nanoTime() + (byAggregate.isEmpty() ? lookOtherwise : lookWhileParked).toNanos();
  }

  /** Whether it is time to look at the table again. */
  synchronized boolean lookDue() {
    return System.nanoTime() - nextLook >= 0;
  }

  /**
   * Whether an event must not be handled because its aggregate has parked events: it is parked itself (a
   * redelivery) or comes after the aggregate's first parked version. {@link #setAside} parks it then.
   */
  synchronized boolean holdsBack(FeedEventRef event) {
    NavigableMap<Long, ParkedEvent> parked = byAggregate.get(event.aggregateId());
    return parked != null && !parked.isEmpty() && event.version() >= parked.firstKey();
  }

  /**
   * Whether an event must not be handled because its aggregate has parked events: true if it is parked itself
   * (a redelivery) or comes after the aggregate's first parked version, in which case it is parked behind it now.
   * Events before the first parked version are handled as usual (redelivered after a crash).
   */
  synchronized boolean setAside(FeedEventRef event) {
    NavigableMap<Long, ParkedEvent> parked = byAggregate.get(event.aggregateId());
    if (parked == null || parked.isEmpty() || event.version() < parked.firstKey()) {
      return false;
    }
    if (!parked.containsKey(event.version())) {
      park(event, "held back: version " + parked.firstKey() + " of aggregate " + event.aggregateId()
          + " is parked", 0);
    }
    return true;
  }

  /** Parks an event that failed (or was held back, with 0 attempts). */
  synchronized void park(FeedEventRef event, String failure, int attempts) {
    store.park(projection, event, failure, attempts);
    known(new ParkedEvent(projection, event, failure, attempts, Instant.now(), Optional.empty()));
    if (attempts > 0) {
      LOG.warn("Projection {} parked {} after {} attempts: {}", projection, event.describe(), attempts, failure);
    }
  }

  /**
   * Looks at the table again and does the requests found on it: skips first, then, for each aggregate with a retry
   * requested, its parked events in version order until one fails again. Only events before {@code checkpoint}
   * (the stored one) are skipped: an event after it would come again from the feed after a crash and must still be
   * found parked then. A retried event that comes again is merely handled twice, as any event after a crash.
   * Aggregates with events being handled ({@code busy}) wait for a later look, so an aggregate's events are never
   * handled out of order or twice at once.
   */
  void lookAndDoRequests(long checkpoint, Predicate<UUID> busy, Retrier retrier) throws InterruptedException {
    Map<UUID, NavigableMap<Long, ParkedEvent>> requested = new HashMap<>();
    synchronized (this) {
      look();
      byAggregate.forEach((aggregate, parked) -> {
        if (parked.values().stream().anyMatch(p -> p.requested().isPresent())) {
          requested.put(aggregate, new TreeMap<>(parked));
        }
      });
    }
    // busy takes the worker's lock: asked outside this one, so the two are never taken in both orders
    for (Map.Entry<UUID, NavigableMap<Long, ParkedEvent>> aggregate : requested.entrySet()) {
      if (!busy.test(aggregate.getKey())) {
        doRequests(aggregate.getValue(), checkpoint, retrier);
      }
    }
  }

  private void doRequests(NavigableMap<Long, ParkedEvent> aggregate, long checkpoint, Retrier retrier)
      throws InterruptedException {
    boolean retry = false;
    for (ParkedEvent parked : List.copyOf(aggregate.values())) {
      if (parked.requested().equals(Optional.of(ParkedEvent.Request.SKIP)) && parked.event().position() < checkpoint) {
        if (store.remove(parked)) {
          LOG.warn("Projection {} skipped, as requested, without handling it: {} (parked after {} attempts: {})",
              projection, parked.event().describe(), parked.attempts(), parked.failure());
        }
        aggregate.remove(parked.event().version());
        forget(parked);
      } else if (parked.requested().equals(Optional.of(ParkedEvent.Request.RETRY))) {
        retry = true;
      }
    }
    if (retry) {
      retry(aggregate, retrier);
    }
  }

  private void retry(NavigableMap<Long, ParkedEvent> aggregate, Retrier retrier) throws InterruptedException {
    for (ParkedEvent parked : List.copyOf(aggregate.values())) {
      if (parked.requested().equals(Optional.of(ParkedEvent.Request.SKIP))) {
        break; // to be skipped once the checkpoint has passed it, never handled
      }
      Optional<ProjectionFailure> failure = retrier.retry(parked);
      if (failure.isPresent()) {
        int attempts = parked.attempts() + failure.get().attempts();
        store.failedAgain(parked, failure.get().cause().toString(), attempts);
        LOG.warn("Projection {}: the retry of a parked event failed again ({} attempts in all): {}; last error: {}",
            projection, attempts, parked.event().describe(), failure.get().cause().toString());
        aggregate.remove(parked.event().version());
        break;
      }
      store.remove(parked);
      aggregate.remove(parked.event().version());
      forget(parked);
      LOG.info("Projection {} handled a parked event on retry: {}", projection, parked.event().describe());
    }
    // the request is answered: clear it where it was made, so it is not done again on the next look
    for (ParkedEvent left : aggregate.values()) {
      if (left.requested().equals(Optional.of(ParkedEvent.Request.RETRY))) {
        store.clearRequest(left);
      }
    }
  }

  private synchronized void known(ParkedEvent parked) {
    byAggregate.computeIfAbsent(parked.event().aggregateId(), id -> new TreeMap<>())
        .put(parked.event().version(), parked);
  }

  private synchronized void forget(ParkedEvent parked) {
    NavigableMap<Long, ParkedEvent> versions = byAggregate.get(parked.event().aggregateId());
    if (versions != null) {
      versions.remove(parked.event().version());
      if (versions.isEmpty()) {
        byAggregate.remove(parked.event().aggregateId());
      }
    }
  }
}
