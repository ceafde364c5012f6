package dev.es.it.feed;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A projection that takes a random time (from a seed) over each event, synchronously or asynchronously, and
 * records what a runner's concurrency did: the versions of each aggregate in the order handled, the most calls
 * in flight at once for one aggregate and on one shard.
 */
final class ConcurrencyProbe implements Projection {

  private final String name;
  private final long seed;
  private final int maxMillis;
  private final boolean async;
  private final Map<UUID, List<Long>> versions = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> inFlightPerAggregate = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> inFlightPerShard = new ConcurrentHashMap<>();
  private final AtomicInteger mostPerAggregate = new AtomicInteger();
  private final AtomicInteger mostPerShard = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();

  ConcurrencyProbe(String name, long seed, int maxMillis, boolean async) {
    this.name = name;
    this.seed = seed;
    this.maxMillis = maxMillis;
    this.async = async;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void handle(FeedEvent event) throws InterruptedException {
    enter(event);
    try {
      Thread.sleep(millis(event));
      record(event);
    } finally {
      leave(event);
    }
  }

  @Override
  public CompletionStage<Void> handleAsync(FeedEvent event) {
    if (!async) {
      return Projection.super.handleAsync(event);
    }
    enter(event);
    Executor later = CompletableFuture.delayedExecutor(millis(event), TimeUnit.MILLISECONDS);
    return CompletableFuture.runAsync(() -> {
      try {
        record(event);
      } finally {
        leave(event);
      }
    }, later);
  }

  private long millis(FeedEvent event) {
    return new Random(seed * 31 + event.envelope().eventId().hashCode()).nextInt(maxMillis + 1);
  }

  private void enter(FeedEvent event) {
    mostPerAggregate.accumulateAndGet(inFlightPerAggregate.computeIfAbsent(event.envelope().aggregateId(),
        id -> new AtomicInteger()).incrementAndGet(), Math::max);
    mostPerShard.accumulateAndGet(inFlightPerShard.computeIfAbsent(event.shard(),
        shard -> new AtomicInteger()).incrementAndGet(), Math::max);
  }

  private void leave(FeedEvent event) {
    inFlightPerAggregate.get(event.envelope().aggregateId()).decrementAndGet();
    inFlightPerShard.get(event.shard()).decrementAndGet();
  }

  private void record(FeedEvent event) {
    versions.computeIfAbsent(event.envelope().aggregateId(), id -> new CopyOnWriteArrayList<>())
        .add(event.envelope().version());
    handled.incrementAndGet();
  }

  Map<UUID, List<Long>> versions() {
    return versions;
  }

  int handled() {
    return handled.get();
  }

  /** The most calls that were in flight at once for one aggregate. */
  int mostPerAggregate() {
    return mostPerAggregate.get();
  }

  /** The most calls that were in flight at once on one shard. */
  int mostPerShard() {
    return mostPerShard.get();
  }
}
