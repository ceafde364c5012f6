package dev.es.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.es.it.cli.EsCli.Run;
import dev.es.it.feed.RecordingProjection;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.StoreAndFeed;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus.State;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code es projections} and {@code es projection …}, text and JSON, against projections that runners host in this
 * JVM: what the command line shows is what the runners do, and what it changes, the runners follow and the audit
 * table records under {@code --as}.
 */
@CassandraTest
class ProjectionCommandsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String OPERATOR = "operator-ann";

  private static StoreAndFeed storage;
  private static FeedPublishers publishers;
  private final CassandraCluster cluster;
  private final String keyspace;

  ProjectionCommandsTest(CassandraCluster cluster, TestKeyspace keyspace) {
    this.cluster = cluster;
    this.keyspace = keyspace.name();
  }

  @BeforeAll
  static void storeAndPublishers(CqlSession session, TestKeyspace keyspace) {
    storage = new StoreAndFeed(session, keyspace.name());
    publishers = storage.feed.startPublishing("publisher");
  }

  @AfterAll
  static void stopPublishers() {
    publishers.close();
  }

  /** {@code es} on the test's keyspace, with the feed's shard count. */
  private Run es(String... args) {
    List<String> all = new ArrayList<>(List.of("--keyspace", keyspace, "--shards",
        String.valueOf(StoreAndFeed.OPTIONS.shards())));
    all.addAll(List.of(args));
    return EsCli.es(cluster, all.toArray(String[]::new));
  }

  /** Creates {@code count} orders, one event each, for the projections to handle. */
  private static void createOrders(int count) {
    for (int i = 0; i < count; i++) {
      UUID order = UUID.randomUUID();
      storage.append("Order", order, new OrderCreated(order, "ann", 100 + i));
    }
  }

  private static JsonNode named(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false).filter(node -> node.get(field).asText().equals(value))
        .findFirst().orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
  }

  private static long head(int shard) {
    return storage.feed.headPosition(shard);
  }

  @Test
  void aRunningProjectionIsListedAndItsStatusShowsItsLagPerShardAndItsLeasesPerRange() {
    Instant start = Instant.now();
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).owner("runner-a")
        .add(new RecordingProjection("listed")).build().start()) {
      createOrders(4);
      await().atMost(PATIENCE).until(() -> storage.feed.allPublished()
          && es("projection", "status", "listed", "--json").json().get("lag").asLong() == 0);

      Run status = es("projection", "status", "listed");
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.err()).isEmpty();
      assertThat(status.row("projection")).containsExactly("projection", "listed");
      assertThat(status.row("state")).containsExactly("state", "running");
      assertThat(Instant.parse(status.row("registered")[1])).isBetween(start.minusSeconds(5), Instant.now());
      assertThat(status.row("failure")).containsExactly("failure", "-");
      assertThat(status.row("replay")).containsExactly("replay", "-");
      assertThat(status.row("lag")).containsExactly("lag", "0 events");
      assertThat(status.rows()).filteredOn(row -> row.length == 5 && !row[0].equals("SHARD"))
          .extracting(row -> List.of(row))
          .containsExactly(List.of("0", String.valueOf(head(0)), "0", "-", "0"),
              List.of("1", String.valueOf(head(1)), "0", "-", "0"));
      List<String[]> ranges = status.rows().stream().filter(row -> row.length == 7 && !row[0].equals("SHARD"))
          .toList();
      assertThat(ranges).extracting(row -> row[0]).containsExactly("0", "1");
      assertThat(ranges).allSatisfy(row -> {
        assertThat(row[2]).as("slices").isEqualTo("0-1023");
        assertThat(row[3]).as("owner").isEqualTo("runner-a");
        assertThat(row[4]).as("lease").isEqualTo("held");
        assertThat(Instant.parse(row[5])).as("expires").isAfter(start);
        assertThat(row[6]).as("checkpoint").isEqualTo(String.valueOf(head(Integer.parseInt(row[0]))));
      });

      JsonNode json = es("projection", "status", "listed", "--json").json();
      assertThat(json.get("name").asText()).isEqualTo("listed");
      assertThat(json.get("state").asText()).isEqualTo("running");
      assertThat(json.get("paused").asBoolean()).isFalse();
      assertThat(json.get("failure").isNull()).isTrue();
      assertThat(json.get("pendingReplay").isNull()).isTrue();
      assertThat(json.get("lag").asLong()).isZero();
      assertThat(json.get("shards")).extracting(shard -> shard.get("position").asLong()).containsExactly(head(0),
          head(1));
      assertThat(json.get("shards")).allSatisfy(shard -> {
        assertThat(shard.get("events").asLong()).isZero();
        assertThat(shard.get("oldestUnhandledAgeMillis").asLong()).isZero();
        assertThat(shard.get("unpublished").asLong()).isZero();
      });
      assertThat(json.get("ranges")).allSatisfy(range -> {
        assertThat(range.get("generation").asLong()).isZero();
        assertThat(range.get("fromSlice").asInt()).isZero();
        assertThat(range.get("toSlice").asInt()).isEqualTo(1023);
        assertThat(range.get("owner").asText()).isEqualTo("runner-a");
        assertThat(range.get("held").asBoolean()).isTrue();
        assertThat(range.get("checkpoint").asLong()).isEqualTo(head(range.get("shard").asInt()));
      });

      Run list = es("projections");
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.row("PROJECTION")).containsExactly("PROJECTION", "STATE", "LAG", "WAITING", "REPLAY");
      assertThat(list.row("listed")).containsExactly("listed", "running", "0", "-", "-");
      JsonNode listed = named(es("projections", "--json").json().get("projections"), "name", "listed");
      assertThat(listed.get("state").asText()).isEqualTo("running");
      assertThat(listed.get("lag").asLong()).isZero();
      assertThat(listed.get("pendingReplay").isNull()).isTrue();
    }
  }

  @Test
  void aPauseStopsTheRunnerAResumeStartsItAgainAndTheAuditNamesTheOperator() {
    RecordingProjection steered = new RecordingProjection("steered");
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).owner("runner-b").add(steered).build()
        .start()) {
      await().atMost(PATIENCE).until(() -> runner.status("steered").state() == State.RUNNING);

      Run pause = es("projection", "pause", "steered", "--as", OPERATOR);
      assertThat(pause.exitCode()).as(pause.err()).isZero();
      assertThat(pause.row("action")).containsExactly("action", "projection.pause");
      assertThat(pause.row("target")).containsExactly("target", "steered");
      assertThat(pause.row("actor")).containsExactly("actor", OPERATOR);
      assertThat(pause.row("outcome")).containsExactly("outcome", "done");
      await().atMost(PATIENCE).until(() -> runner.status("steered").state() == State.PAUSED);
      assertThat(es("projections").row("steered")[1]).isEqualTo("paused");
      JsonNode paused = es("projection", "status", "steered", "--json").json();
      assertThat(paused.get("paused").asBoolean()).isTrue();
      assertThat(paused.get("state").asText()).isEqualTo("paused");

      int handled = steered.count();
      createOrders(2);
      JsonNode resume = es("projection", "resume", "steered", "--as", OPERATOR, "--json").json();
      assertThat(resume.get("action").asText()).isEqualTo("projection.resume");
      assertThat(resume.get("target").asText()).isEqualTo("steered");
      assertThat(resume.get("detail").asText()).isEmpty();
      assertThat(resume.get("actor").asText()).isEqualTo(OPERATOR);
      assertThat(resume.get("outcome").asText()).isEqualTo("done");
      assertThat(resume.get("replay").isNull()).isTrue();
      await().atMost(PATIENCE).until(() -> runner.status("steered").state() == State.RUNNING
          && steered.count() == handled + 2);
    }

    Run audit = es("audit", "--limit", "2");
    assertThat(audit.exitCode()).as(audit.err()).isZero();
    assertThat(audit.row("TIME")).containsExactly("TIME", "ACTOR", "ACTION", "TARGET", "DETAIL", "OUTCOME");
    assertThat(audit.rows().subList(1, 3)).extracting(row -> List.of(row).subList(1, 6)).containsExactly(
        List.of(OPERATOR, "projection.resume", "steered", "-", "done"),
        List.of(OPERATOR, "projection.pause", "steered", "-", "done"));
    JsonNode entries = es("audit", "--limit", "2", "--json").json().get("entries");
    assertThat(entries).extracting(entry -> entry.get("action").asText())
        .containsExactly("projection.resume", "projection.pause");
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.get("actor").asText()).isEqualTo(OPERATOR);
      assertThat(entry.get("target").asText()).isEqualTo("steered");
      assertThat(Instant.parse(entry.get("at").asText())).isBefore(Instant.now());
    });
  }

  @Test
  void aRebuildAndEachFormOfResetAreRequestedWithTheirPositionsAndCarriedOutByTheRunner() {
    RecordingProjection replayed = new RecordingProjection("replayed");
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).add(replayed).build().start()) {
      createOrders(6);
      await().atMost(PATIENCE).until(() -> storage.feed.allPublished() && runner.lag("replayed") == 0);
      int everyEvent = replayed.count();

      JsonNode rebuild = es("projection", "rebuild", "replayed", "--as", OPERATOR, "--json").json();
      assertThat(rebuild.get("action").asText()).isEqualTo("projection.rebuild");
      assertThat(rebuild.get("outcome").asText()).isEqualTo("requested");
      JsonNode replay = rebuild.get("replay");
      assertThat(replay.get("kind").asText()).isEqualTo("REBUILD");
      assertThat(replay.get("positions").get("0").asLong()).isZero();
      assertThat(replay.get("positions").get("1").asLong()).isZero();
      assertThat(replay.get("requestedBy").asText()).isEqualTo(OPERATOR);
      UUID rebuildId = UUID.fromString(replay.get("id").asText());
      awaitNoReplayPending("replayed");
      await().atMost(PATIENCE).until(() -> runner.lag("replayed") == 0 && replayed.count() == everyEvent);

      Run reset = es("projection", "reset", "replayed", "--shard", "0", "--position", "0", "--as", OPERATOR);
      assertThat(reset.exitCode()).as(reset.err()).isZero();
      assertThat(reset.row("action")).containsExactly("action", "projection.reset");
      assertThat(reset.row("detail")).containsExactly("detail", "shard 0 to position 0");
      assertThat(reset.row("outcome")).containsExactly("outcome", "requested");
      assertThat(reset.row("replay")[1]).startsWith("RESET ").contains("requested by " + OPERATOR)
          .endsWith("from positions {0=0}");
      awaitNoReplayPending("replayed");
      long shardZero = head(0);
      await("shard 0's events handled again, and no other").atMost(PATIENCE)
          .until(() -> replayed.count() == everyEvent + shardZero);

      Instant appendedBefore = Instant.now();
      JsonNode toInstant = es("projection", "reset", "replayed", "--to", appendedBefore.toString(), "--as", OPERATOR,
          "--json").json();
      assertThat(toInstant.get("detail").asText()).isEqualTo("to " + appendedBefore);
      assertThat(toInstant.get("replay").get("kind").asText()).isEqualTo("RESET");
      assertThat(toInstant.get("replay").get("positions").fieldNames()).toIterable().containsExactly("0", "1");
      awaitNoReplayPending("replayed");

      JsonNode toStart = es("projection", "reset", "replayed", "--to-start", "--as", OPERATOR, "--json").json();
      assertThat(toStart.get("detail").asText()).isEqualTo("to the start");
      assertThat(toStart.get("replay").get("positions").get("0").asLong()).isZero();
      assertThat(toStart.get("replay").get("positions").get("1").asLong()).isZero();
      awaitNoReplayPending("replayed");

      JsonNode audit = es("audit", "--limit", "4", "--json").json().get("entries");
      assertThat(audit).extracting(entry -> entry.get("action").asText() + " " + entry.get("detail").asText())
          .containsExactly("projection.reset to the start", "projection.reset to " + appendedBefore,
              "projection.reset shard 0 to position 0", "projection.rebuild ");
      assertThat(audit.get(3).get("outcome").asText()).startsWith("requested " + rebuildId);
      assertThat(audit).allSatisfy(entry -> assertThat(entry.get("actor").asText()).isEqualTo(OPERATOR));
    }
  }

  private void awaitNoReplayPending(String projection) {
    await().atMost(PATIENCE).until(() -> es("projection", "status", projection, "--json").json()
        .get("pendingReplay").isNull());
  }

  @Test
  void aReplayPendingAlreadyIsRefusedWithExitCode5AndShownUntilARunnerCarriesItOut() {
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).add(new RecordingProjection("unhosted"))
        .build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status("unhosted").state() == State.RUNNING);
    }
    // no runner hosts it now: the request waits for one

    JsonNode first = es("projection", "rebuild", "unhosted", "--as", OPERATOR, "--json").json().get("replay");
    String id = first.get("id").asText();
    assertThat(first.get("claimedBy").isNull()).isTrue();

    for (Run again : List.of(es("projection", "rebuild", "unhosted", "--as", OPERATOR),
        es("projection", "reset", "unhosted", "--to-start", "--as", OPERATOR, "--json"))) {
      assertThat(again.exitCode()).isEqualTo(5);
      assertThat(again.out()).isEmpty();
      assertThat(again.err().lines()).singleElement().asString()
          .startsWith("es: refused: projection 'unhosted' has a replay pending already: REBUILD requested by "
              + OPERATOR);
    }
    assertThat(es("projection", "status", "unhosted").row("replay")[1]).startsWith("REBUILD " + id)
        .contains("not claimed yet");
    assertThat(es("projections").row("unhosted")).containsExactly("unhosted", "idle", "0", "-",
        "REBUILD requested by " + OPERATOR);
    JsonNode pending = es("projection", "status", "unhosted", "--json").json().get("pendingReplay");
    assertThat(pending.get("id").asText()).isEqualTo(id);
    assertThat(pending.get("requestedAt")).as("as the rebuild printed it").isEqualTo(first.get("requestedAt"));
    assertThat(pending.get("positions")).isEqualTo(first.get("positions"));
    assertThat(pending.get("claimedBy").isNull()).isTrue();
    assertThat(es("audit", "--limit", "1", "--json").json().get("entries").get(0).get("outcome").asText())
        .startsWith("refused: ").contains("pending");
  }

  @Test
  void aShardOrPositionTheFeedDoesNotHaveIsABadArgumentAndAnUnknownProjectionIsNotFound() {
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).add(new RecordingProjection("bounded"))
        .build().start()) {
      createOrders(1);
      await().atMost(PATIENCE).until(storage.feed::allPublished);

      Run noShard = es("projection", "reset", "bounded", "--shard", "7", "--position", "0");
      assertThat(noShard.exitCode()).isEqualTo(2);
      assertThat(noShard.out()).isEmpty();
      assertThat(noShard.err().lines()).containsExactly("es: shard 7 does not exist: the feed's shards are 0..1");

      long beyond = head(0) + 1;
      Run beyondTheHead = es("projection", "reset", "bounded", "--shard", "0", "--position", String.valueOf(beyond));
      assertThat(beyondTheHead.exitCode()).isEqualTo(2);
      assertThat(beyondTheHead.err().lines()).containsExactly(
          "es: position " + beyond + " is outside shard 0's published positions 0.." + head(0));
    }

    List<List<String>> verbs = List.of(List.of("projection", "status", "nowhere"),
        List.of("projection", "pause", "nowhere"), List.of("projection", "parked", "nowhere"),
        List.of("projection", "retry", "nowhere", UUID.randomUUID().toString(), "1"));
    for (List<String> verb : verbs) {
      for (Run run : List.of(es(verb.toArray(String[]::new)), es(concat(verb, "--json", "--as", OPERATOR)))) {
        assertThat(run.exitCode()).as("%s: %s", verb, run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
            .startsWith("es: no projection named 'nowhere' is registered on this feed; known: [")
            .contains("bounded");
      }
    }
    JsonNode refused = es("audit", "--limit", "1", "--json").json().get("entries").get(0);
    assertThat(refused.get("action").asText()).isEqualTo("parked.retry");
    assertThat(refused.get("target").asText()).isEqualTo("nowhere");
    assertThat(refused.get("actor").asText()).isEqualTo(OPERATOR);
    assertThat(refused.get("outcome").asText()).startsWith("refused: no projection named 'nowhere'");
  }

  private static String[] concat(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void parkedEventsAreListedRetriedAndSkippedAndOneNotParkedIsNotFound() {
    RecordingProjection parking = new RecordingProjection("parking");
    Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
    parking.failOn(event -> poisoned.contains(event.envelope().aggregateId()));
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed)
        .add(parking, ProjectionOptions.defaults().withFailurePolicy(FailurePolicy.PARK))
        .retries(1, Duration.ofMillis(10)).build().start()) {
      UUID retried = UUID.randomUUID();
      UUID skipped = UUID.randomUUID();
      poisoned.addAll(List.of(retried, skipped));
      storage.append("Order", retried, new OrderCreated(retried, "ann", 1), new OrderAddressChanged(retried, "a"));
      storage.append("Order", skipped, new OrderCreated(skipped, "bob", 2));
      await().atMost(PATIENCE).until(() -> es("projection", "parked", "parking", "--json").json().get("events")
          .size() == 3);

      Run parked = es("projection", "parked", "parking");
      assertThat(parked.exitCode()).as(parked.err()).isZero();
      assertThat(parked.row("AGGREGATE")).containsExactly("AGGREGATE", "VERSION", "TYPE", "SHARD", "POSITION",
          "ATTEMPTS", "PARKED", "REQUESTED", "FAILURE");
      List<String[]> ofRetried = parked.rows().stream().filter(row -> row[0].equals(retried.toString())).toList();
      assertThat(ofRetried).extracting(row -> row[1]).containsExactly("1", "2");
      assertThat(ofRetried.get(0)[2]).isEqualTo("OrderCreated");
      assertThat(Integer.parseInt(ofRetried.get(0)[5])).as("attempts").isPositive();
      assertThat(ofRetried.get(0)[7]).as("requested").isEqualTo("-");
      assertThat(ofRetried.get(0)[8]).contains("read model unavailable");
      assertThat(ofRetried.get(1)[2]).isEqualTo("OrderAddressChanged");
      assertThat(ofRetried.get(1)[5]).as("held back, not tried").isEqualTo("0");
      JsonNode events = es("projection", "parked", "parking", "--json").json().get("events");
      assertThat(events).extracting(e -> e.get("aggregateId").asText() + " " + e.get("version").asLong())
          .containsExactlyInAnyOrder(retried + " 1", retried + " 2", skipped + " 1");
      JsonNode first = StreamSupport.stream(events.spliterator(), false)
          .filter(e -> e.get("aggregateId").asText().equals(retried.toString()) && e.get("version").asLong() == 1)
          .findFirst().orElseThrow();
      assertThat(first.get("eventType").asText()).isEqualTo("OrderCreated");
      assertThat(first.get("attempts").asInt()).isPositive();
      assertThat(first.get("failure").asText()).contains("read model unavailable");
      assertThat(first.get("requested").isNull()).isTrue();
      assertThat(first.get("position").asLong()).isLessThan(head(first.get("shard").asInt()));

      poisoned.clear();
      Run retry = es("projection", "retry", "parking", retried.toString(), "1", "--as", OPERATOR);
      assertThat(retry.exitCode()).as(retry.err()).isZero();
      assertThat(retry.row("action")).containsExactly("action", "parked.retry");
      assertThat(retry.row("detail")).containsExactly("detail", "aggregate " + retried + " version 1");
      assertThat(retry.row("outcome")).containsExactly("outcome", "requested");
      JsonNode skip = es("projection", "skip", "parking", skipped.toString(), "1", "--as", OPERATOR, "--json").json();
      assertThat(skip.get("action").asText()).isEqualTo("parked.skip");
      assertThat(skip.get("target").asText()).isEqualTo("parking");
      assertThat(skip.get("detail").asText()).isEqualTo("aggregate " + skipped + " version 1");
      assertThat(skip.get("outcome").asText()).isEqualTo("requested");
      await().atMost(PATIENCE).until(() -> es("projection", "parked", "parking", "--json").json().get("events")
          .isEmpty());
      assertThat(parking.versions().get(retried)).containsExactly(1L, 2L);
      assertThat(parking.versions()).doesNotContainKey(skipped);
      assertThat(es("projection", "parked", "parking").out()).isEqualTo("projection 'parking' has no parked events\n");

      UUID neverParked = UUID.randomUUID();
      for (Run notParked : List.of(es("projection", "retry", "parking", retried.toString(), "1", "--as", OPERATOR),
          es("projection", "skip", "parking", neverParked.toString(), "1", "--json"))) {
        assertThat(notParked.exitCode()).isEqualTo(1);
        assertThat(notParked.out()).isEmpty();
        assertThat(notParked.err().lines()).singleElement().asString()
            .startsWith("es: projection 'parking' has no parked event of aggregate ")
            .endsWith("version 1 (es projection parked parking lists them)");
      }
      Run audit = es("audit", "--limit", "4");
      assertThat(audit.rows().subList(1, 5)).extracting(row -> List.of(row[1], row[2], row[4], row[5]))
          .containsExactly(
              List.of(System.getProperty("user.name"), "parked.skip", "aggregate " + neverParked + " version 1",
                  "not parked"),
              List.of(OPERATOR, "parked.retry", "aggregate " + retried + " version 1", "not parked"),
              List.of(OPERATOR, "parked.skip", "aggregate " + skipped + " version 1", "requested"),
              List.of(OPERATOR, "parked.retry", "aggregate " + retried + " version 1", "requested"));
    }
  }

  @Test
  void aProjectionStoppedOnAFailureShowsTheFailureAndAResumeStartsItAgain() {
    RecordingProjection stopping = new RecordingProjection("stopping");
    AtomicBoolean broken = new AtomicBoolean(true);
    stopping.failOn(event -> broken.get());
    try (ProjectionRunner runner = ProjectionRunner.builder(storage.feed).owner("runner-f").add(stopping)
        .retries(2, Duration.ofMillis(10)).build().start()) {
      createOrders(1);
      await().atMost(PATIENCE).until(() -> runner.status("stopping").state() == State.FAILED);

      assertThat(es("projections").row("stopping")[1]).isEqualTo("failed");
      Run status = es("projection", "status", "stopping");
      assertThat(status.row("state")).containsExactly("state", "failed");
      assertThat(status.row("failure")[1]).startsWith("at ").contains(" on runner-f: ")
          .contains("read model unavailable");
      JsonNode failure = es("projection", "status", "stopping", "--json").json().get("failure");
      assertThat(failure.get("owner").asText()).isEqualTo("runner-f");
      assertThat(failure.get("description").asText()).contains("stopping").contains("read model unavailable");
      assertThat(Instant.parse(failure.get("at").asText())).isBefore(Instant.now());

      broken.set(false);
      Run resume = es("projection", "resume", "stopping", "--as", OPERATOR);
      assertThat(resume.exitCode()).as(resume.err()).isZero();
      await().atMost(PATIENCE).until(() -> runner.status("stopping").state() == State.RUNNING);
      await().atMost(PATIENCE).until(() -> runner.lag("stopping") == 0 && stopping.count() > 0);
      assertThat(es("projection", "status", "stopping", "--json").json().get("failure").isNull()).isTrue();
    }
  }
}
