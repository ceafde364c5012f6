package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.internal.PublisherProgress;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@CassandraTest
class FeedTest {

  /** Small buckets and batches, so that a few hundred events cross buckets and need several batches. */
  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(3)
      .withBucketSize(40)
      .withMaxBatchEvents(25)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(800));

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private FeedFixture fixture;

  FeedTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeEach
  void freshTables() {
    fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
  }

  @Test
  void everyAppendedEventIsPublishedOnceInStreamOrderWithGaplessPositions() {
    Map<UUID, Long> streams = appendRandomly(new Random(7), 30, 4);

    int published = fixture.publishAll("publisher-a");

    List<FeedEvent> feed = fixture.readAll();
    long appended = streams.values().stream().mapToLong(Long::longValue).sum();
    assertThat(published).isEqualTo(appended);
    assertExactlyOnceInOrder(feed, streams);
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      int s = shard;
      List<Long> positions = feed.stream().filter(e -> e.shard() == s).map(FeedEvent::position).toList();
      assertThat(positions).containsExactlyElementsOf(
          java.util.stream.LongStream.range(0, positions.size()).boxed().toList());
      assertThat(fixture.feed.headPosition(shard)).isEqualTo(positions.size());
    }
    assertThat(feed.stream().map(FeedEvent::shard).distinct()).as("all shards used").hasSize(OPTIONS.shards());
  }

  @Test
  void eventsAppendedWhilePublishingArePublishedLater() {
    UUID id = UUID.randomUUID();
    long version = fixture.append(id, 0, 3);
    FeedPublisher publisher = fixture.feed.publisher(shardOf(id), "publisher-a");
    assertThat(publisher.publishOnce()).isEqualTo(3);

    version = fixture.append(id, version, 2);
    FeedFixture.publishAll(publisher);

    assertExactlyOnceInOrder(fixture.readAll(), Map.of(id, version));
    assertThat(session.execute("SELECT dirty, published FROM events WHERE aggregate_id = ? LIMIT 1", id).one())
        .satisfies(row -> {
          assertThat(row.getBoolean("dirty")).isFalse();
          assertThat(row.getLong("published")).isEqualTo(5);
        });
  }

  @Test
  void aPublisherThatDiedAfterWritingTheFeedIsRepairedByItsSuccessor() {
    Map<UUID, Long> streams = appendRandomly(new Random(11), 12, 3);
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      FeedPublisher dying = fixture.feed.publisher(shard, "dying", step -> {
        if (step == PublisherProgress.AFTER_FEED_WRITE) {
          throw new SimulatedCrash();
        }
      });
      // a stream may be empty of work; a crash needs something to publish
      try {
        dying.publishOnce();
      } catch (SimulatedCrash expected) {
        // the feed rows and high-water mark are written, the streams are still marked unpublished
      }
    }

    FeedEventsAwait.untilLeasesExpire(OPTIONS);
    fixture.publishAll("successor");

    assertExactlyOnceInOrder(fixture.readAll(), streams);
  }

  @Test
  void aPublisherWhoseLeaseWasTakenOverCannotWriteAnyMore() {
    UUID id = UUID.randomUUID();
    long version = fixture.append(id, 0, 2);
    int shard = shardOf(id);
    FeedPublisher paused = fixture.feed.publisher(shard, "paused");
    assertThat(paused.publishOnce()).isEqualTo(2);

    // "paused" stops renewing; its lease expires and "successor" takes the shard over
    FeedEventsAwait.untilLeasesExpire(OPTIONS);
    version = fixture.append(id, version, 3);
    FeedPublisher successor = fixture.feed.publisher(shard, "successor");
    assertThat(FeedFixture.publishAll(successor)).isEqualTo(3);

    version = fixture.append(id, version, 1);
    assertThat(paused.publishOnce()).as("fenced off by the newer epoch").isZero();
    assertThat(paused.owns()).isFalse();
    assertThat(FeedFixture.publishAll(successor)).isEqualTo(1);

    assertExactlyOnceInOrder(fixture.readAll(), Map.of(id, version));
  }

  @Test
  void aShardOutsideTheLayoutIsRefused() {
    assertThatThrownBy(() -> fixture.feed.publisher(3, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard must be in [0, 3)");
  }

  private int shardOf(UUID id) {
    long token = session.execute("SELECT token(aggregate_id) FROM events WHERE aggregate_id = ? LIMIT 1", id)
        .one().getLong(0);
    return OPTIONS.shardOf(token);
  }

  /** Appends 1–{@code maxPerAppend} events at a time to random streams; returns each stream's version. */
  private Map<UUID, Long> appendRandomly(Random random, int streamCount, int maxPerAppend) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < streamCount; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    Map<UUID, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < streamCount * 3; i++) {
      UUID id = ids.get(random.nextInt(ids.size()));
      versions.put(id, fixture.append(id, versions.getOrDefault(id, 0L), 1 + random.nextInt(maxPerAppend)));
    }
    return versions;
  }

  /** Each stream's events appear exactly once, in version order 1..N, all in one shard. */
  static void assertExactlyOnceInOrder(List<FeedEvent> feed, Map<UUID, Long> streams) {
    Map<UUID, List<Long>> versions = new HashMap<>();
    Map<UUID, Integer> shards = new HashMap<>();
    for (FeedEvent event : feed) {
      UUID id = event.envelope().aggregateId();
      versions.computeIfAbsent(id, k -> new ArrayList<>()).add(event.envelope().version());
      assertThat(shards.merge(id, event.shard(), (a, b) -> a.equals(b) ? a : -1))
          .as("all events of %s in one shard", id).isNotNegative();
      assertThat(((Noted) event.envelope().payload()).sequence()).isEqualTo((int) event.envelope().version());
    }
    assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(streams.keySet());
    streams.forEach((id, head) -> assertThat(versions.get(id))
        .as("versions of %s", id)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, head).boxed().toList()));
    assertThat(feed.stream().map(e -> e.envelope().eventId()).collect(Collectors.toSet())).hasSize(feed.size());
  }

  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash", null, false, false);
    }
  }
}
