package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionFailure;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.projection.ShardLag;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency inside a shard: events of different aggregates are handled at once, those of one aggregate one
 * after another in version order; failures (an {@link Error} too) stop the projection visibly; a restart never
 * puts two workers on one shard; the lag is reported per shard in events and in time.
 */
@CassandraTest
class ConcurrentProjectionTest extends PublishedFeedTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  ConcurrentProjectionTest(CqlSession session, TestKeyspace keyspace) {
    super(session, keyspace, OPTIONS);
  }

  @Test
  void eachAggregateInVersionOrderAndDifferentAggregatesAtOnceForManySeeds() {
    Map<UUID, Long> streams = append(12, 4, 3);
    int seeds = 24;
    int overlapped = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      int concurrency = 2 + (int) (seed % 7);
      ConcurrencyProbe probe = new ConcurrencyProbe("probe-" + seed, seed, 4, seed % 2 == 0);
      try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed)
          .add(probe, ProjectionOptions.defaults().withConcurrency(concurrency))
          .batchSize(5 + (int) (seed % 20)).build().start()) {
        await().atMost(PATIENCE).until(() -> probe.handled() == total(streams));
      }
      String run = "seed " + seed + " (concurrency " + concurrency + ", " + (seed % 2 == 0 ? "async" : "sync") + ")";
      assertInOrderOnce(probe.versions(), streams, run);
      assertThat(probe.mostPerAggregate()).as("calls in flight at once for one aggregate, %s", run).isEqualTo(1);
      assertThat(probe.mostPerShard()).as("calls in flight at once on one shard, %s", run)
          .isLessThanOrEqualTo(concurrency);
      if (probe.mostPerShard() > 1) {
        overlapped++;
      }
    }
    assertThat(overlapped).as("runs in which events of different aggregates were handled at once")
        .isEqualTo(seeds);
  }

  @Test
  void concurrencyOneHandlesAShardInFeedOrder() {
    Map<UUID, Long> streams = append(6, 3, 2);
    await().atMost(PATIENCE).until(() -> fixture.feed.allPublished());
    List<FeedEvent> feedOrder = fixture.readAll();
    assertThat(feedOrder).hasSize((int) total(streams));
    RecordingProjection projection = new RecordingProjection("sequential");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed)
        .add(projection, ProjectionOptions.defaults().withConcurrency(1)).build().start()) {
      await().atMost(PATIENCE).until(() -> projection.count() == total(streams));
    }
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      int s = shard;
      assertThat(projection.handled().stream().filter(e -> e.shard() == s).map(FeedEvent::position).toList())
          .as("shard %d in position order", shard)
          .isEqualTo(feedOrder.stream().filter(e -> e.shard() == s).map(FeedEvent::position).toList());
    }
  }

  @Test
  void anErrorInAHandlerStopsTheProjectionAtOnceWithTheErrorInItsStatus() {
    Map<UUID, Long> streams = append(3, 1, 4);
    UUID id = streams.keySet().iterator().next();
    AtomicInteger calls = new AtomicInteger();
    Projection erring = new Projection() {
      @Override
      public String name() {
        return "erring";
      }

      @Override
      public void handle(FeedEvent event) {
        if (event.envelope().aggregateId().equals(id) && event.envelope().version() == 2) {
          calls.incrementAndGet();
          throw new StackOverflowError("deep recursion in the handler of " + event.envelope().eventId());
        }
      }
    };
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(erring)
        .retries(5, Duration.ofMillis(10)).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status("erring").state() == ProjectionStatus.State.FAILED);
      ProjectionFailure failure = runner.status("erring").failure().orElseThrow();
      assertThat(failure.cause()).isInstanceOf(StackOverflowError.class).hasMessageContaining("deep recursion");
      assertThat(failure.event().aggregateId()).isEqualTo(id);
      assertThat(failure.event().version()).isEqualTo(2);
      assertThat(failure.attempts()).as("an Error is not retried").isEqualTo(1);
      assertThat(failure.describe()).contains("Projection 'erring' stopped", "aggregate " + id, "version 2",
          "StackOverflowError");
      assertThat(calls).hasValue(1);
      assertThat(runner.lag("erring")).as("the checkpoint stays before the failed event").isPositive();
    }
  }

  @Test
  void anErrorFromAnAsyncHandlerOrOutsideAnyHandlerIsAFailedStatusNotADeadWorker() {
    append(2, 1, 3);
    Projection asyncErring = new Projection() {
      @Override
      public String name() {
        return "async-erring";
      }

      @Override
      public void handle(FeedEvent event) {
        throw new AssertionError("handle is not called when handleAsync is overridden");
      }

      @Override
      public CompletionStage<Void> handleAsync(FeedEvent event) {
        return CompletableFuture.runAsync(() -> {
          throw new NoClassDefFoundError("com/example/Missing");
        });
      }
    };
    Projection unknowing = new Projection() {
      @Override
      public String name() {
        return "unknowing";
      }

      @Override
      public boolean handles(String eventType) {
        throw new LinkageError("the type table of " + eventType + " failed to load");
      }

      @Override
      public void handle(FeedEvent event) {}
    };
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(asyncErring).add(unknowing)
        .build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status("async-erring").state() == ProjectionStatus.State.FAILED
          && runner.status("unknowing").state() == ProjectionStatus.State.FAILED);
      assertThat(runner.status("async-erring").failure().orElseThrow().cause())
          .isInstanceOf(NoClassDefFoundError.class).hasMessage("com/example/Missing");
      ProjectionFailure outside = runner.status("unknowing").failure().orElseThrow();
      assertThat(outside.cause()).isInstanceOf(LinkageError.class).hasMessageContaining("Noted");
      assertThat(outside.event()).as("no handler was running").isNull();
      assertThat(outside.describe()).contains("Projection 'unknowing' stopped on shard " + outside.shard(),
          "outside any handler", "LinkageError");
    }
  }

  /**
   * The old worker is stuck in a handler (of aggregate {@code a}) when the projection fails on another aggregate
   * and is started again: the new worker would handle {@code a}'s event again from the checkpoint while the old
   * call still runs. It must wait until the old worker has left its handler.
   */
  @Test
  void startAfterAFailureWhileTheOldWorkerIsStillInAHandlerLeavesOneWorkerOnTheShard() throws Exception {
    publishers.close();
    FeedFixture oneShard = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS.withShards(1));
    publishers = oneShard.feed.startPublishing("publisher");
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    oneShard.append(a, 0, 1);
    oneShard.append(b, 0, 1);
    CountDownLatch aEntered = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    AtomicInteger bFailures = new AtomicInteger();
    AtomicInteger entries = new AtomicInteger();
    AtomicInteger inFlightForA = new AtomicInteger();
    AtomicInteger mostForA = new AtomicInteger();
    Map<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
    Projection stuck = new Projection() {
      @Override
      public String name() {
        return "stuck";
      }

      @Override
      public void handle(FeedEvent event) throws InterruptedException {
        entries.incrementAndGet();
        UUID id = event.envelope().aggregateId();
        if (id.equals(a)) {
          mostForA.accumulateAndGet(inFlightForA.incrementAndGet(), Math::max);
          try {
            aEntered.countDown();
            releaseA.await();
          } finally {
            inFlightForA.decrementAndGet();
          }
        } else if (bFailures.get() == 0) {
          aEntered.await();
          bFailures.incrementAndGet();
          throw new OutOfMemoryError("simulated: no memory left for " + event.envelope().eventId());
        }
        handled.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
      }
    };
    try (ProjectionRunner runner = ProjectionRunner.builder(oneShard.feed)
        .add(stuck, ProjectionOptions.defaults().withConcurrency(4)).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status("stuck").state() == ProjectionStatus.State.FAILED);
      assertThat(runner.status("stuck").failure().orElseThrow().cause()).isInstanceOf(OutOfMemoryError.class);
      assertThat(aEntered.getCount()).isZero();
      int entriesAtFailure = entries.get();

      runner.start("stuck");
      // the lease is free and ours, the checkpoint is before a's event: a second worker would enter at once
      Thread.sleep(OPTIONS.leaseDuration().toMillis());
      assertThat(entries.get()).as("no handler call while the old worker is inside one").isEqualTo(entriesAtFailure);
      assertThat(runner.status("stuck").state()).isEqualTo(ProjectionStatus.State.RUNNING);

      releaseA.countDown();
      await().atMost(PATIENCE).until(() -> handled.containsKey(a) && handled.containsKey(b)
          && runner.lag("stuck") == 0);
      assertThat(mostForA).as("calls for a in flight at once").hasValue(1);
      assertThat(runner.status("stuck").state()).isEqualTo(ProjectionStatus.State.RUNNING);
    }
  }

  @Test
  void lagPerShardInEventsAndInTime() throws Exception {
    Instant before = fixture.store.options().clock().instant();
    Map<UUID, Long> streams = append(8, 1, 2);
    await().atMost(PATIENCE).until(() -> fixture.feed.allPublished());
    Thread.sleep(300);
    Map<Integer, Long> perShard = new LinkedHashMap<>();
    fixture.readAll().forEach(event -> perShard.merge(event.shard(), 1L, Long::sum));

    CountDownLatch release = new CountDownLatch(1);
    UUID held = streams.keySet().iterator().next();
    Projection holding = new Projection() {
      @Override
      public String name() {
        return "lagging";
      }

      @Override
      public void handle(FeedEvent event) throws InterruptedException {
        if (event.envelope().aggregateId().equals(held)) {
          release.await();
        }
      }
    };
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(holding).build()) {
      ProjectionStatus notStarted = runner.status("lagging");
      Duration sinceFirstAppend = Duration.between(before, fixture.store.options().clock().instant());
      assertThat(notStarted.shards()).extracting(ShardLag::shard).containsExactly(0, 1);
      for (ShardLag shard : notStarted.shards()) {
        assertThat(shard.events()).as("events of shard %d", shard.shard()).isEqualTo(perShard.getOrDefault(shard.shard(), 0L));
        if (shard.events() > 0) {
          assertThat(shard.oldestUnhandledAge()).as("age on shard %d", shard.shard())
              .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThanOrEqualTo(sinceFirstAppend);
        }
      }
      assertThat(notStarted.lag()).isEqualTo(total(streams)).isEqualTo(runner.lag("lagging"));

      runner.start();
      int heldShard = fixture.readAll().stream().filter(e -> e.envelope().aggregateId().equals(held))
          .findFirst().orElseThrow().shard();
      await().atMost(PATIENCE).until(() -> runner.status("lagging").shards().stream()
          .allMatch(shard -> shard.shard() == heldShard ? shard.events() > 0 : shard.events() == 0));
      ShardLag stuck = runner.status("lagging").shards().get(heldShard);
      Thread.sleep(200);
      ShardLag later = runner.status("lagging").shards().get(heldShard);
      assertThat(later.position()).isEqualTo(stuck.position());
      assertThat(later.oldestUnhandledAge()).as("the age grows while the event is not handled")
          .isGreaterThanOrEqualTo(stuck.oldestUnhandledAge().plusMillis(200));
      runner.status("lagging").shards().stream().filter(shard -> shard.shard() != heldShard)
          .forEach(shard -> assertThat(shard.oldestUnhandledAge()).isEqualTo(Duration.ZERO));

      release.countDown();
      await().atMost(PATIENCE).until(() -> runner.lag("lagging") == 0);
      assertThat(runner.status("lagging").shards())
          .allSatisfy(shard -> {
            assertThat(shard.events()).isZero();
            assertThat(shard.oldestUnhandledAge()).isEqualTo(Duration.ZERO);
          });
    }
  }

  /**
   * Each checkpoint is a lightweight transaction, so a worker stores it at most every checkpoint interval (and
   * when its lease is due for renewal), not after every batch: 20 batches handled, nothing stored; the stop
   * stores where it got to.
   */
  @Test
  void theCheckpointIsStoredAtMostEveryIntervalNotPerBatchAndWhenTheWorkerStops() {
    Map<UUID, Long> streams = append(10, 2, 5);
    Feed longLeases = new Feed(session, fixture.store, OPTIONS.withLeaseDuration(Duration.ofSeconds(60)));
    RecordingProjection projection = new RecordingProjection("sparse");
    try (ProjectionRunner runner = ProjectionRunner.builder(longLeases).add(projection).batchSize(5)
        .checkpointInterval(Duration.ofHours(1)).build().start()) {
      await().atMost(PATIENCE).until(() -> projection.count() == total(streams) && runner.lag("sparse") == 0);
      assertThat(storedCheckpoints("sparse")).as("no checkpoint stored while handling %d batches",
          total(streams) / 5).isZero();
    }
    assertThat(storedCheckpoints("sparse")).as("stored when the workers stopped").isEqualTo(total(streams));
  }

  private long storedCheckpoints(String projection) {
    long sum = 0;
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      sum += fixture.feed.leases().position("projection:" + projection + ":" + shard);
    }
    return sum;
  }

  private static void assertInOrderOnce(Map<UUID, List<Long>> handled, Map<UUID, Long> streams, String run) {
    assertThat(handled.keySet()).as(run).containsExactlyInAnyOrderElementsOf(streams.keySet());
    streams.forEach((id, head) -> assertThat(handled.get(id))
        .as("versions of %s, %s", id, run)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList()));
  }
}
