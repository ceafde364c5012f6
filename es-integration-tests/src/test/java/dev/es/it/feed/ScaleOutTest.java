package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.feed.Lease;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.projection.ShardLayout;
import dev.es.runtime.projection.SliceRange;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A projection's work on a shard split over several runners and re-split while writers append: every event is
 * handled, each aggregate's in version order, never by two owners at once, and (without crashes) exactly once.
 */
@CassandraTest
class ScaleOutTest {

  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(1)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1500));
  private static final int WRITERS = 4;
  private static final int STREAMS_PER_WRITER = 12;
  private static final String NAME = "owner-probe";

  @Test
  void splitFromOneToThreeOwnersAndBackToTwoWhileFourWritersAppend(CqlSession session, TestKeyspace keyspace)
      throws Exception {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    OwnerProbe.Record record = new OwnerProbe.Record();
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    AtomicBoolean appending = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher");
        ProjectionRunner a = runner(fixture, NAME, "a", record).start();
        ProjectionRunner b = runner(fixture, NAME, "b", record).start();
        ProjectionRunner c = runner(fixture, NAME, "c", record).start()) {
      List<Future<?>> writing = IntStream.range(0, WRITERS)
          .<Future<?>>mapToObj(w -> writers.submit(() -> write(fixture, new Random(w), heads, appending)))
          .toList();
      List<ProjectionRunner> runners = List.of(a, b, c);
      await().atMost(Duration.ofSeconds(30)).until(() -> record.count() > 100);

      assertThat(a.split(NAME, 3)).as("the first split's generation").isEqualTo(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> ownedOnce(NAME, runners, SliceRange.evenly(3)));
      Map<String, Long> atThree = perOwner(record);
      await().atMost(Duration.ofSeconds(30)).until(() -> record.count() > sum(atThree) + 300);
      Map<String, Long> afterThree = perOwner(record);
      for (String owner : List.of("a", "b", "c")) {
        assertThat(afterThree.getOrDefault(owner, 0L)).as("%s handles its range", owner)
            .isGreaterThan(atThree.getOrDefault(owner, 0L));
      }

      assertThat(b.split(NAME, 2)).as("the second split's generation").isEqualTo(2);
      await().atMost(Duration.ofSeconds(30)).until(() -> ownedOnce(NAME, runners, SliceRange.evenly(2)));
      long handledAtTwo = record.count();
      await().atMost(Duration.ofSeconds(30)).until(() -> record.count() > handledAtTwo + 300);

      appending.set(false);
      for (Future<?> writer : writing) {
        writer.get();
      }
      long appended = heads.values().stream().mapToLong(Long::longValue).sum();
      await().atMost(Duration.ofSeconds(60)).until(() -> fixture.feed.allPublished() && a.lag(NAME) == 0
          && record.count() >= appended);

      assertThat(record.overlaps).as("never two owners inside one aggregate at once").isEmpty();
      for (Map.Entry<UUID, Long> stream : heads.entrySet()) {
        List<OwnerProbe.Handling> handled = record.of(stream.getKey());
        assertThat(handled.stream().map(OwnerProbe.Handling::version).toList())
            .as("aggregate %s: every version once, in order, across the owners %s", stream.getKey(), handled)
            .isEqualTo(LongStream.rangeClosed(1, stream.getValue()).boxed().toList());
      }
      ProjectionStatus status = c.status(NAME);
      assertThat(status.layouts()).singleElement().satisfies(layout -> {
        assertThat(layout.generation()).isEqualTo(2);
        assertThat(layout.ranges()).isEqualTo(SliceRange.evenly(2));
      });
      // c sees the other owners' ranges through their stored checkpoints, which trail by a checkpoint interval
      await().atMost(Duration.ofSeconds(10)).until(() -> c.status(NAME).lag() == 0);
      org.slf4j.LoggerFactory.getLogger(getClass()).info("{} events by {} writers, split 1 -> 3 -> 2 owners while"
          + " appending; handled per owner: {}", appended, WRITERS, perOwner(record));
    } finally {
      appending.set(false);
      writers.shutdown();
    }
  }

  @Test
  void aRunnerStoppedMidHandoverLeavesItsRangeToASuccessorLosingNothing(CqlSession session, TestKeyspace keyspace)
      throws Exception {
    String name = "stopped-mid-handover";
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    OwnerProbe.Record record = new OwnerProbe.Record();
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    AtomicBoolean appending = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(2);
    ProjectionRunner a = runner(fixture, name, "a", record); // closed in the middle, not by the try
    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher");
        ProjectionRunner b = runner(fixture, name, "b", record)) {
      assertThat(a.split(name, 2)).isEqualTo(1);
      a.start();
      b.start();
      List<Future<?>> writing = IntStream.range(0, 2)
          .<Future<?>>mapToObj(w -> writers.submit(() -> write(fixture, new Random(w), heads, appending)))
          .toList();
      await().atMost(Duration.ofSeconds(30)).until(() -> ownedOnce(name, List.of(a, b), SliceRange.evenly(2))
          && record.count() > 200);

      assertThat(b.split(name, 3)).isEqualTo(2);
      a.close(); // while its range of generation 1 is handed over
      try (ProjectionRunner c = runner(fixture, name, "c", record).start();
          ProjectionRunner d = runner(fixture, name, "d", record).start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ownedOnce(name, List.of(b, c, d), SliceRange.evenly(3)));
        long handledAtThree = record.count();
        await().atMost(Duration.ofSeconds(30)).until(() -> record.count() > handledAtThree + 200);
        appending.set(false);
        for (Future<?> writer : writing) {
          writer.get();
        }
        long appended = heads.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.feed.allPublished() && b.lag(name) == 0
            && record.count() >= appended);
      }
    } finally {
      a.close();
      appending.set(false);
      writers.shutdown();
    }
    assertThat(record.overlaps).as("never two owners inside one aggregate at once").isEmpty();
    long again = 0;
    for (Map.Entry<UUID, Long> stream : heads.entrySet()) {
      List<OwnerProbe.Handling> handled = record.of(stream.getKey());
      long next = 1;
      for (OwnerProbe.Handling handling : handled) {
        assertThat(handling.version()).as("aggregate %s: in version order, redelivered at most: %s", stream.getKey(),
            handled).isLessThanOrEqualTo(next);
        again += handling.version() < next ? 1 : 0;
        next = Math.max(next, handling.version() + 1);
      }
      assertThat(next - 1).as("aggregate %s: every version handled: %s", stream.getKey(), handled)
          .isEqualTo(stream.getValue());
    }
    org.slf4j.LoggerFactory.getLogger(getClass()).info("stopped mid-handover: {} events handled again", again);
  }

  @Test
  void aProjectionNeverSplitKeepsItsLeaseAndCheckpoint(CqlSession session, TestKeyspace keyspace) throws Exception {
    String name = "never-split";
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    for (int i = 0; i < 10; i++) {
      fixture.append(UUID.randomUUID(), 0, 3);
    }
    fixture.publishAll("publisher");
    long head = fixture.feed.headPosition(0);
    // a checkpoint stored by a runner of the version before layouts: on the shard's lease, as ever
    String lease = "projection:" + name + ":0";
    Lease before = fixture.feed.leases().tryAcquire(lease, "before-the-upgrade").orElseThrow();
    assertThat(fixture.feed.leases().checkpoint(before, 12)).isTrue();
    fixture.feed.leases().release(before);

    OwnerProbe.Record record = new OwnerProbe.Record();
    try (ProjectionRunner upgraded = ProjectionRunner.builder(fixture.feed).owner("upgraded")
        .add(new OwnerProbe(name, "upgraded", record, 0)).build().start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> upgraded.lag(name) == 0 && record.count() >= head - 12);
      assertThat(upgraded.status(name).layouts()).containsExactly(
          new ShardLayout(0, 0, List.of(SliceRange.ALL), List.of(SliceRange.ALL)));
    }
    List<Long> positions = new ArrayList<>();
    record.handlings.keySet().forEach(id -> record.of(id).forEach(h -> positions.add(h.position())));
    assertThat(positions).as("from the stored checkpoint on, each once")
        .containsExactlyInAnyOrderElementsOf(LongStream.range(12, head).boxed().toList());
    assertThat(fixture.feed.leases().position(lease)).as("the same lease carries the checkpoint").isEqualTo(head);
    assertThat(session.execute("SELECT * FROM " + keyspace.name() + ".consumer_layouts WHERE consumer = ? AND"
        + " shard = 0", name).one()).as("no layout stored").isNull();
  }

  private static ProjectionRunner runner(FeedFixture fixture, String name, String owner, OwnerProbe.Record record) {
    return ProjectionRunner.builder(fixture.feed).owner(owner).maxRanges(1).checkpointInterval(Duration.ofMillis(50))
        .add(new OwnerProbe(name, owner, record, 3), ProjectionOptions.defaults().withConcurrency(4))
        .build();
  }

  /** Every range is owned by exactly one of the runners, and each runner owns at most one. */
  private static boolean ownedOnce(String name, List<ProjectionRunner> runners, List<SliceRange> ranges) {
    List<SliceRange> owned = new ArrayList<>();
    for (ProjectionRunner runner : runners) {
      ShardLayout layout = runner.status(name).layouts().get(0);
      if (!layout.ranges().equals(ranges) || layout.ownedHere().size() > 1) {
        return false;
      }
      owned.addAll(layout.ownedHere());
    }
    return owned.size() == ranges.size() && new HashSet<>(owned).containsAll(ranges);
  }

  private static Map<String, Long> perOwner(OwnerProbe.Record record) {
    Map<String, Long> counts = new TreeMap<>();
    record.handlings.keySet().forEach(id -> record.of(id).forEach(h -> counts.merge(h.owner(), 1L, Long::sum)));
    return counts;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Appends 1 to 3 events at a time to this writer's own streams until told to stop. */
  private static void write(FeedFixture fixture, Random random, Map<UUID, Long> heads, AtomicBoolean appending) {
    List<UUID> streams = IntStream.range(0, STREAMS_PER_WRITER).mapToObj(i -> UUID.randomUUID()).toList();
    while (appending.get()) {
      UUID stream = streams.get(random.nextInt(streams.size()));
      long head = heads.getOrDefault(stream, 0L);
      heads.put(stream, fixture.append(stream, head, 1 + random.nextInt(3)));
    }
  }
}
