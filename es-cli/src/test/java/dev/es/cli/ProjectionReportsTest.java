package dev.es.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.RangeLease;
import dev.es.runtime.projection.ReplayRequest;
import dev.es.runtime.projection.ReportedFailure;
import dev.es.runtime.projection.ShardLag;
import dev.es.runtime.projection.SliceRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text and the JSON of the projection verbs' reports, from what the admin API returns; no Cassandra needed. */
class ProjectionReportsTest {

  private static final Instant NOW = Instant.parse("2026-05-02T10:20:00Z");
  private static final UUID REPLAY = UUID.fromString("6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
  private static final UUID AGGREGATE = UUID.fromString("3f2a0c1e-5b7d-4e8f-9a01-23456789abcd");

  private static final ReportedFailure FAILURE = new ReportedFailure(
      "Projection 'orders' failed on shard 1 position 340: read model unavailable", NOW.minusSeconds(60), "runner-f");
  private static final ReplayRequest REBUILD = new ReplayRequest(REPLAY, ReplayRequest.Kind.REBUILD,
      Map.of(1, 0L, 0, 0L), "operator-ann", NOW.minusSeconds(5), Optional.of("runner-a"));
  private static final List<ShardLag> LAGS = List.of(new ShardLag(0, 1200, 0, Duration.ZERO, 0),
      new ShardLag(1, 340, 7, Duration.ofSeconds(247), 2));
  private static final List<RangeLease> RANGES = List.of(
      new RangeLease(0, 0, SliceRange.ALL,
          Optional.of(new LeaseState("projection:orders:0", "runner-a", 3, NOW.plusSeconds(8), 1200)), true),
      new RangeLease(1, 2, new SliceRange(0, 511), Optional.empty(), false));

  private static ProjectionOverview overview(String name, boolean paused, Optional<ReportedFailure> failure,
      Optional<ReplayRequest> replay, List<RangeLease> ranges) {
    return new ProjectionOverview(name, NOW.minusSeconds(3600), paused, failure, replay, 7, LAGS, ranges);
  }

  @Test
  void aProjectionsStateIsItsPauseThenItsFailureThenWhetherARunnerHoldsALease() {
    List<RangeLease> free = List.of(new RangeLease(0, 0, SliceRange.ALL, Optional.empty(), false));

    assertThat(ProjectionReport.state(overview("p", true, Optional.of(FAILURE), Optional.empty(), RANGES)))
        .isEqualTo("paused");
    assertThat(ProjectionReport.state(overview("p", false, Optional.of(FAILURE), Optional.empty(), RANGES)))
        .isEqualTo("failed");
    assertThat(ProjectionReport.state(overview("p", false, Optional.empty(), Optional.empty(), RANGES)))
        .isEqualTo("running");
    assertThat(ProjectionReport.state(overview("p", false, Optional.empty(), Optional.of(REBUILD), free)))
        .isEqualTo("idle");
  }

  @Test
  void theProjectionsAsTextAreOneLineEachWithTheirLagAndPendingReplay() {
    ProjectionsReport report = ProjectionsReport.of(List.of(
        overview("orders", false, Optional.empty(), Optional.of(REBUILD), RANGES),
        new ProjectionOverview("saga:fulfillment", NOW, false, Optional.empty(), Optional.empty(), 0,
            List.of(new ShardLag(0, 9, 0, Duration.ZERO, 0)), List.of())));

    assertThat(Printed.text(report).lines()).containsExactly(
        "PROJECTION        STATE    LAG  WAITING  REPLAY",
        "orders            running  7    4m07s    REBUILD requested by operator-ann",
        "saga:fulfillment  idle     0    -        -");
    assertThat(Printed.text(new ProjectionsReport(List.of())))
        .isEqualTo("no projection is registered on this feed: no runner has started one\n");
  }

  @Test
  void theProjectionsAsJsonHaveTheirReplayWithItsPositionsInShardOrder() {
    JsonNode json = Printed.json(ProjectionsReport.of(List.of(
        overview("orders", false, Optional.empty(), Optional.of(REBUILD), RANGES))));

    JsonNode orders = json.get("projections").get(0);
    assertThat(orders.get("name").asText()).isEqualTo("orders");
    assertThat(orders.get("state").asText()).isEqualTo("running");
    assertThat(orders.get("lag").asLong()).isEqualTo(7);
    assertThat(orders.get("oldestUnhandledAgeMillis").asLong()).isEqualTo(247_000);
    JsonNode replay = orders.get("pendingReplay");
    assertThat(replay.get("id").asText()).isEqualTo(REPLAY.toString());
    assertThat(replay.get("kind").asText()).isEqualTo("REBUILD");
    assertThat(replay.get("positions").fieldNames()).toIterable().containsExactly("0", "1");
    assertThat(replay.get("requestedBy").asText()).isEqualTo("operator-ann");
    assertThat(replay.get("requestedAt").asText()).isEqualTo("2026-05-02T10:19:55Z");
    assertThat(replay.get("claimedBy").asText()).isEqualTo("runner-a");
  }

  @Test
  void aProjectionsStatusAsTextShowsItsFailureItsLagPerShardAndItsLeasesPerRange() {
    ProjectionReport report = ProjectionReport.of(overview("orders", false, Optional.of(FAILURE),
        Optional.of(REBUILD), RANGES));

    assertThat(Printed.text(report).lines()).containsExactly(
        "projection  orders",
        "state       failed",
        "registered  2026-05-02T09:20:00Z",
        "failure     at 2026-05-02T10:19:00Z on runner-f: " + FAILURE.description(),
        "replay      REBUILD " + REPLAY + " requested by operator-ann at 2026-05-02T10:19:55Z, claimed by runner-a,"
            + " from positions {0=0, 1=0}",
        "lag         7 events",
        "",
        "SHARD  POSITION  LAG  WAITING  UNPUBLISHED",
        "0      1200      0    -        0",
        "1      340       7    4m07s    2",
        "",
        "SHARD  GENERATION  SLICES  OWNER     LEASE  EXPIRES               CHECKPOINT",
        "0      0           0-1023  runner-a  held   2026-05-02T10:20:08Z  1200",
        "1      2           0-511   -         -      -                     -");
  }

  @Test
  void aProjectionsStatusAsJsonHasEveryFieldWithNullsForWhatIsNotThere() {
    JsonNode json = Printed.json(ProjectionReport.of(overview("orders", true, Optional.empty(), Optional.empty(),
        RANGES)));

    assertThat(json.get("name").asText()).isEqualTo("orders");
    assertThat(json.get("state").asText()).isEqualTo("paused");
    assertThat(json.get("registered").asText()).isEqualTo("2026-05-02T09:20:00Z");
    assertThat(json.get("paused").asBoolean()).isTrue();
    assertThat(json.get("failure").isNull()).isTrue();
    assertThat(json.get("pendingReplay").isNull()).isTrue();
    assertThat(json.get("lag").asLong()).isEqualTo(7);
    JsonNode behind = json.get("shards").get(1);
    assertThat(behind.get("shard").asInt()).isEqualTo(1);
    assertThat(behind.get("position").asLong()).isEqualTo(340);
    assertThat(behind.get("events").asLong()).isEqualTo(7);
    assertThat(behind.get("oldestUnhandledAgeMillis").asLong()).isEqualTo(247_000);
    assertThat(behind.get("unpublished").asLong()).isEqualTo(2);
    JsonNode held = json.get("ranges").get(0);
    assertThat(held.get("fromSlice").asInt()).isZero();
    assertThat(held.get("toSlice").asInt()).isEqualTo(1023);
    assertThat(held.get("owner").asText()).isEqualTo("runner-a");
    assertThat(held.get("held").asBoolean()).isTrue();
    assertThat(held.get("expires").asText()).isEqualTo("2026-05-02T10:20:08Z");
    assertThat(held.get("checkpoint").asLong()).isEqualTo(1200);
    JsonNode untaken = json.get("ranges").get(1);
    assertThat(untaken.get("generation").asLong()).isEqualTo(2);
    assertThat(untaken.get("owner").isNull()).isTrue();
    assertThat(untaken.get("expires").isNull()).isTrue();
    assertThat(untaken.get("checkpoint").isNull()).isTrue();

    JsonNode failed = Printed.json(ProjectionReport.of(overview("orders", false, Optional.of(FAILURE),
        Optional.empty(), RANGES))).get("failure");
    assertThat(failed.get("description").asText()).isEqualTo(FAILURE.description());
    assertThat(failed.get("at").asText()).isEqualTo("2026-05-02T10:19:00Z");
    assertThat(failed.get("owner").asText()).isEqualTo("runner-f");
  }

  private static ParkedEvent parked(long version, int attempts, String failure, Optional<ParkedEvent.Request> asked) {
    return new ParkedEvent("orders", new FeedEventRef(1, 339 + version, new UUID(0, version), "OrderCreated", 2,
        AGGREGATE, version, NOW.minusSeconds(600)), failure, attempts, NOW.minusSeconds(590), asked);
  }

  private static final List<ParkedEvent> PARKED = List.of(
      parked(1, 3, "read model unavailable", Optional.of(ParkedEvent.Request.RETRY)),
      parked(2, 0, "held back behind version 1", Optional.empty()));

  @Test
  void parkedEventsAsTextAreOneLinePerEventWithItsFailureLast() {
    assertThat(Printed.text(ParkedEventsReport.of("orders", 100, PARKED)).lines()).containsExactly(
        "AGGREGATE                             VERSION  TYPE          SHARD  POSITION  ATTEMPTS  PARKED"
            + "                REQUESTED  FAILURE",
        AGGREGATE + "  1        OrderCreated  1      340       3         2026-05-02T10:10:10Z  RETRY      read"
            + " model unavailable",
        AGGREGATE + "  2        OrderCreated  1      341       0         2026-05-02T10:10:10Z  -          held"
            + " back behind version 1");
    assertThat(Printed.text(ParkedEventsReport.of("orders", 2, PARKED)))
        .endsWith("(the first 2: a greater --limit shows more)\n");
    assertThat(Printed.text(ParkedEventsReport.of("orders", 100, List.of())))
        .isEqualTo("projection 'orders' has no parked events\n");
  }

  @Test
  void parkedEventsAsJsonNameTheEventAndWhatWasRequested() {
    JsonNode json = Printed.json(ParkedEventsReport.of("orders", 100, PARKED));

    assertThat(json.get("projection").asText()).isEqualTo("orders");
    assertThat(json.get("limit").asInt()).isEqualTo(100);
    JsonNode first = json.get("events").get(0);
    assertThat(first.get("aggregateId").asText()).isEqualTo(AGGREGATE.toString());
    assertThat(first.get("version").asLong()).isEqualTo(1);
    assertThat(first.get("eventType").asText()).isEqualTo("OrderCreated");
    assertThat(first.get("revision").asInt()).isEqualTo(2);
    assertThat(first.get("eventId").asText()).isEqualTo(new UUID(0, 1).toString());
    assertThat(first.get("shard").asInt()).isEqualTo(1);
    assertThat(first.get("position").asLong()).isEqualTo(340);
    assertThat(first.get("timestamp").asText()).isEqualTo("2026-05-02T10:10:00Z");
    assertThat(first.get("attempts").asInt()).isEqualTo(3);
    assertThat(first.get("parkedAt").asText()).isEqualTo("2026-05-02T10:10:10Z");
    assertThat(first.get("failure").asText()).isEqualTo("read model unavailable");
    assertThat(first.get("requested").asText()).isEqualTo("RETRY");
    assertThat(json.get("events").get(1).get("requested").isNull()).isTrue();
  }
}
