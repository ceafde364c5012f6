package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.StreamArchiver;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.ShardTrim;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.FeedRetention;
import dev.es.runtime.projection.ProjectionControl;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus.State;
import dev.es.runtime.projection.ShardLag;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feed retention against Cassandra: buckets are removed only once every registered consumer passed them (its
 * checkpoints and parked events), and a consumer that starts below the floor afterwards — a new projection, a
 * rebuild — still gets every event exactly once, the removed part from the events table.
 */
@CassandraTest
class FeedRetentionTest extends PublishedFeedTest {

  private static final int BUCKET = 10;
  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(BUCKET)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  FeedRetentionTest(CqlSession session, TestKeyspace keyspace) {
    super(session, keyspace, OPTIONS);
  }

  /** The consumer tables outlive the fixture's fresh feed: a consumer of an earlier test would hold the floor. */
  @BeforeEach
  void noConsumersYet() {
    for (String table : List.of(FeedOptions.CONSUMER_CONTROLS_TABLE, FeedOptions.CONSUMER_LAYOUTS_TABLE,
        FeedOptions.PARKED_EVENTS_TABLE, FeedOptions.RETENTION_TABLE, FeedOptions.TRIMMED_TABLE)) {
      session.execute("TRUNCATE " + keyspace.name() + "." + table);
    }
  }

  private ProjectionRunner runner(String owner, RecordingProjection projection) {
    return ProjectionRunner.builder(fixture.feed).owner(owner).add(projection).build().start();
  }

  @Test
  void bucketsAreRemovedOnlyOnceTheSlowestConsumerPassedThem() throws Exception {
    RecordingProjection slow = new RecordingProjection("slow");
    Map<UUID, Long> heads = new TreeMap<>();
    try (ProjectionRunner b = runner("runner-b", slow)) {
      heads.putAll(append(6, 2, 3));
      await().atMost(PATIENCE).until(() -> slow.count() == total(heads) && b.lag("slow") == 0);
    }
    RecordingProjection fast = new RecordingProjection("fast");
    try (ProjectionRunner a = runner("runner-a", fast)) {
      heads.putAll(append(10, 3, 2));
      await().atMost(PATIENCE).until(() -> fast.count() == total(heads) && a.lag("fast") == 0);
    }
    ProjectionControl control = new ProjectionControl(fixture.feed);
    Map<Integer, Long> slowAt = control.overview("slow").shards().stream()
        .collect(Collectors.toMap(ShardLag::shard, ShardLag::position));
    Map<Integer, TreeSet<Long>> before = buckets();

    assertThat(new FeedRetention(fixture.feed, Duration.ofHours(1)).trimOnce())
        .as("nothing is an hour old").allSatisfy(trim -> assertThat(trim.bucketsRemoved()).isZero());
    List<ShardTrim> trims = new FeedRetention(fixture.feed, Duration.ZERO).trimOnce();

    Map<Integer, TreeSet<Long>> after = buckets();
    for (ShardTrim trim : trims) {
      long floor = slowAt.get(trim.shard()) / BUCKET * BUCKET;
      assertThat(trim.floor()).as("shard %s: the slow consumer's bucket begins the feed", trim.shard())
          .isEqualTo(floor);
      assertThat(trim.bucketsRemoved()).isEqualTo((int) (floor / BUCKET));
      assertThat(after.get(trim.shard())).as("shard %s's buckets", trim.shard())
          .isEqualTo(new TreeSet<>(before.get(trim.shard()).tailSet(floor / BUCKET)));
      assertThat(fixture.feed.floors().read(trim.shard()).floor()).isEqualTo(floor);
    }
    assertThat(trims).as("the test removes something").anySatisfy(trim -> assertThat(trim.floor()).isPositive());

    try (ProjectionRunner b = runner("runner-b", slow)) {
      await().atMost(PATIENCE).until(() -> slow.count() == total(heads) && b.lag("slow") == 0);
    }
    assertThat(slow.versions()).as("the slow consumer went on from its checkpoint, nothing lost or repeated")
        .isEqualTo(everyVersion(heads));
    for (ShardTrim trim : new FeedRetention(fixture.feed, Duration.ZERO).trimOnce()) {
      assertThat(trim.floor()).as("shard %s, once both passed", trim.shard())
          .isEqualTo(fixture.feed.headPosition(trim.shard()) / BUCKET * BUCKET);
    }
  }

  @Test
  void aParkedEventHoldsItsBucket() throws Exception {
    RecordingProjection parking = new RecordingProjection("parking");
    UUID failing = UUID.randomUUID();
    parking.failOn(event -> event.envelope().aggregateId().equals(failing));
    Map<UUID, Long> heads = new TreeMap<>(append(2, 1, 2));
    heads.put(failing, fixture.append(failing, 0, 1));
    heads.putAll(append(10, 3, 2));
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).retries(1, Duration.ofMillis(10))
        .add(parking, ProjectionOptions.defaults().withFailurePolicy(FailurePolicy.PARK)).build().start()) {
      ProjectionControl control = new ProjectionControl(fixture.feed);
      await().atMost(PATIENCE).until(() -> runner.parkedEvents().list("parking", 10).size() == 1
          && control.overview("parking").lag() == 0); // stored checkpoints past every event, the parked one too
      long parkedAt = runner.parkedEvents().list("parking", 10).get(0).event().position();
      int parkedShard = runner.parkedEvents().list("parking", 10).get(0).event().shard();

      for (ShardTrim trim : new FeedRetention(fixture.feed, Duration.ZERO).trimOnce()) {
        if (trim.shard() == parkedShard) {
          assertThat(trim.floor()).as("the parked event's bucket stays").isEqualTo(parkedAt / BUCKET * BUCKET);
        }
      }
      parking.failOn(event -> false);
      runner.parkedEvents().retry(runner.parkedEvents().list("parking", 10).get(0));
      await().atMost(PATIENCE).until(() -> runner.parkedEvents().list("parking", 10).isEmpty());
      assertThat(parking.versions().get(failing)).containsExactly(1L);
    }
  }

  @Test
  void aProjectionStartedAfterATrimGetsEveryEventOnceTheRemovedOnesFromTheEventsTable() throws Exception {
    RecordingProjection first = new RecordingProjection("first");
    Map<UUID, Long> heads;
    try (ProjectionRunner runner = runner("runner-a", first)) {
      heads = append(8, 3, 2);
      await().atMost(PATIENCE).until(() -> first.count() == total(heads) && runner.lag("first") == 0);
    }
    List<ShardTrim> trims = new FeedRetention(fixture.feed, Duration.ZERO).trimOnce();
    long removed = trims.stream().mapToLong(ShardTrim::floor).sum();
    assertThat(removed).as("events below the floors").isPositive();

    RecordingProjection late = new RecordingProjection("late");
    try (ProjectionRunner a = runner("runner-a", late); ProjectionRunner b = runner("runner-b", late)) {
      await().atMost(PATIENCE).until(() -> late.count() == total(heads) && a.lag("late") == 0);
      Thread.sleep(4 * OPTIONS.renewalInterval().toMillis());
      assertThat(handledTwice(late)).as("events handled twice, with their shard:position each time").isEmpty();
      assertThat(late.versions()).as("every event once, each stream in version order")
          .isEqualTo(everyVersion(heads));
      assertThat(late.handled().stream().filter(event -> event.position() == FeedEvent.NOT_IN_FEED).count())
          .as("the events below the floors came from the events table").isEqualTo(removed);
      assertThat(new ProjectionControl(fixture.feed).overview("late").pendingReplay()).isEmpty();
      assertThat(List.of(a.status("late").state(), b.status("late").state())).containsOnly(State.RUNNING);
    }
  }

  @Test
  void aProjectionStartedAfterATrimGetsTheEventsOfArchivedStreamsFromTheArchive() throws Exception {
    RecordingProjection first = new RecordingProjection("before-archiving");
    Map<UUID, Long> heads;
    try (ProjectionRunner runner = runner("runner-a", first)) {
      heads = append(8, 3, 2);
      await().atMost(PATIENCE).until(() -> first.count() == total(heads) && runner.lag("before-archiving") == 0);
    }
    for (Map.Entry<UUID, Long> stream : heads.entrySet()) {
      fixture.store.closeStream(FeedFixture.AGGREGATE_TYPE, stream.getKey(),
          ExpectedVersion.exactly(stream.getValue()));
    }
    await().atMost(PATIENCE).until(fixture.feed::allPublished);
    assertThat(new StreamArchiver(fixture.store).archiveClosedFor(Duration.ZERO).archived()).isEqualTo(heads.size());
    assertThat(new FeedRetention(fixture.feed, Duration.ZERO).trimOnce().stream().mapToLong(ShardTrim::floor).sum())
        .isPositive();

    RecordingProjection late = new RecordingProjection("after-archiving");
    try (ProjectionRunner runner = runner("runner-a", late)) {
      await().atMost(PATIENCE).until(() -> late.count() == total(heads) && runner.lag("after-archiving") == 0);
    }
    assertThat(late.versions()).isEqualTo(everyVersion(heads));
  }

  @Test
  void aRebuildAndANewProjectionWhileWritersAppendAndRetentionTrimsEndWithEveryEvent() throws Exception {
    NoteTable model = new NoteTable(session, keyspace.name(), "retained");
    RecordingProjection late = new RecordingProjection("late-while-trimming");
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      List<UUID> streams = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        streams.add(UUID.randomUUID());
      }
      for (int i = 0; writing.get(); i++) {
        UUID id = streams.get(i % streams.size());
        heads.put(id, fixture.append(id, heads.getOrDefault(id, 0L), 2));
      }
    });
    EsAdmin admin = new EsAdmin(fixture.feed, "operator-ann");
    try (FeedRetention retention = new FeedRetention(fixture.feed, Duration.ZERO).start(Duration.ofMillis(50));
        ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).owner("runner-a").add(model).build()
            .start()) {
      writer.start();
      await().atMost(PATIENCE).until(() -> model.calls() >= 150 && floorsAbove(BUCKET));
      admin.rebuild("retained");
      try (ProjectionRunner other = runner("runner-b", late)) {
        await().atMost(PATIENCE).until(() -> late.count() >= 100);
        writing.set(false);
        writer.join();
        await().atMost(PATIENCE).until(fixture.feed::allPublished);
        await().atMost(PATIENCE).until(() -> admin.projection("retained").pendingReplay().isEmpty()
            && runner.lag("retained") == 0 && other.lag("late-while-trimming") == 0);
        assertThat(model.rows()).isEqualTo(NoteTable.expected(heads));
        assertThat(handledTwice(late)).as("events handled twice, with their shard:position each time").isEmpty();
        assertThat(late.versions()).isEqualTo(everyVersion(heads));
        await("retention going on trimming behind both projections, to the head's bucket").atMost(PATIENCE)
            .until(this::floorsAtHeadBucket);
      }
    } finally {
      writing.set(false);
      writer.join();
    }
  }

  /** Whether every shard's floor is the first position of the bucket its head is in. */
  private boolean floorsAtHeadBucket() {
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      if (fixture.feed.floors().read(shard).floor() != fixture.feed.headPosition(shard) / BUCKET * BUCKET) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aResetIntoTheRemovedPartIsRefusedNamingTheFloor() throws Exception {
    RecordingProjection projection = new RecordingProjection("reset");
    Map<UUID, Long> heads;
    Instant beforeAppending = Instant.now().minus(ProjectionControl.PUBLISHING_SLACK.multipliedBy(2));
    try (ProjectionRunner runner = runner("runner-a", projection)) {
      heads = append(8, 3, 2);
      await().atMost(PATIENCE).until(() -> projection.count() == total(heads) && runner.lag("reset") == 0);
    }
    ShardTrim trim = new FeedRetention(fixture.feed, Duration.ZERO).trimOnce().stream()
        .filter(t -> t.floor() > 1).findFirst().orElseThrow();
    EsAdmin admin = new EsAdmin(fixture.feed, "operator-ann");

    assertThatThrownBy(() -> admin.resetTo("reset", trim.shard(), trim.floor() - 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position " + (trim.floor() - 1) + " of shard " + trim.shard())
        .hasMessageContaining("removed from the feed by retention (the shard begins at " + trim.floor() + ")");
    assertThatThrownBy(() -> admin.resetTo("reset", beforeAppending))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("removed from the feed by retention");
    assertThat(admin.resetTo("reset", trim.shard(), trim.floor()).positions())
        .isEqualTo(Map.of(trim.shard(), trim.floor()));
  }

  /** Per event handled more than once, where it came from each time ({@code shard:position}). */
  private static Map<String, List<String>> handledTwice(RecordingProjection projection) {
    Map<String, List<String>> from = new TreeMap<>();
    for (FeedEvent event : projection.handled()) {
      from.computeIfAbsent(event.envelope().aggregateId() + "@" + event.envelope().version(), key -> new ArrayList<>())
          .add(event.shard() + ":" + event.position());
    }
    from.values().removeIf(places -> places.size() == 1);
    return from;
  }

  /** Whether every shard's floor is at least {@code position}. */
  private boolean floorsAbove(long position) {
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      if (fixture.feed.floors().read(shard).floor() < position) {
        return false;
      }
    }
    return true;
  }

  /** The bucket partitions of the feed table, per shard. */
  private Map<Integer, TreeSet<Long>> buckets() {
    Map<Integer, TreeSet<Long>> buckets = new TreeMap<>();
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      buckets.put(shard, new TreeSet<>());
    }
    for (Row row : session.execute("SELECT DISTINCT shard, bucket FROM " + keyspace.name() + ".feed")) {
      buckets.get(row.getInt("shard")).add(row.getLong("bucket"));
    }
    return buckets;
  }

  private static Map<UUID, List<Long>> everyVersion(Map<UUID, Long> heads) {
    Map<UUID, List<Long>> versions = new TreeMap<>();
    heads.forEach((id, head) -> versions.put(id, LongStream.rangeClosed(1, head).boxed().toList()));
    return versions;
  }
}
