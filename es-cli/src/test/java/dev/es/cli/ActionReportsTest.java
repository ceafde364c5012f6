package dev.es.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.projection.ReplayRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the verbs that change something print, and what {@code es audit} prints of them; no Cassandra needed. */
class ActionReportsTest {

  private static final Instant NOW = Instant.parse("2026-05-02T10:20:00Z");
  private static final UUID REPLAY = UUID.fromString("6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
  private static final UUID AGGREGATE = UUID.fromString("3f2a0c1e-5b7d-4e8f-9a01-23456789abcd");

  @Test
  void anActionAsTextSaysWhatWasDoneByWhomAndWhatFollowsWithoutEmptyRows() {
    ActionReport pause = new ActionReport("projection.pause", "orders", "", "operator-ann", "done", null,
        "the runners hosting it stop its workers");

    assertThat(Printed.text(pause).lines()).containsExactly(
        "action   projection.pause",
        "target   orders",
        "actor    operator-ann",
        "outcome  done",
        "effect   the runners hosting it stop its workers");
  }

  @Test
  void aReplayRequestedShowsItsIdAndPositions() {
    Replay reset = Replay.of(new ReplayRequest(REPLAY, ReplayRequest.Kind.RESET, Map.of(1, 12L), "operator-ann",
        NOW, Optional.empty()));
    ActionReport report = new ActionReport("projection.reset", "orders", "shard 1 to position 12", "operator-ann",
        "requested", reset, "a runner carries it out");

    assertThat(Printed.text(report).lines()).containsExactly(
        "action   projection.reset",
        "target   orders",
        "detail   shard 1 to position 12",
        "actor    operator-ann",
        "outcome  requested",
        "replay   RESET " + REPLAY + " requested by operator-ann at 2026-05-02T10:20:00Z, not claimed yet, from"
            + " positions {1=12}",
        "effect   a runner carries it out");
    JsonNode json = Printed.json(report);
    assertThat(json.get("action").asText()).isEqualTo("projection.reset");
    assertThat(json.get("target").asText()).isEqualTo("orders");
    assertThat(json.get("detail").asText()).isEqualTo("shard 1 to position 12");
    assertThat(json.get("actor").asText()).isEqualTo("operator-ann");
    assertThat(json.get("outcome").asText()).isEqualTo("requested");
    assertThat(json.get("replay").get("id").asText()).isEqualTo(REPLAY.toString());
    assertThat(json.get("replay").get("kind").asText()).isEqualTo("RESET");
    assertThat(json.get("replay").get("positions").get("1").asLong()).isEqualTo(12);
    assertThat(json.get("replay").get("requestedAt").asText()).isEqualTo("2026-05-02T10:20:00Z");
    assertThat(json.get("replay").get("claimedBy").isNull()).isTrue();
    assertThat(json.get("effect").asText()).isEqualTo("a runner carries it out");
    assertThat(Printed.json(new ActionReport("saga.end", "orders", "instance x", "bo", "done", null, "ended"))
        .get("replay").isNull()).isTrue();
  }

  private static final List<AuditEntry> AUDIT = List.of(
      new AuditEntry(NOW, new UUID(1, 2), "operator-ann", "parked.retry", "orders",
          "aggregate " + AGGREGATE + " version 1", "not parked"),
      new AuditEntry(NOW.minusSeconds(60), new UUID(1, 1), "operator-bo", "projection.pause", "orders", "", "done"));

  @Test
  void theAuditAsTextIsOneLinePerActionNewestFirst() {
    String detail = "aggregate " + AGGREGATE + " version 1";
    String column = "%-" + (detail.length() + 2) + "s";
    assertThat(Printed.text(new AuditReport(AUDIT)).lines()).containsExactly(
        "TIME                  ACTOR         ACTION            TARGET  " + column.formatted("DETAIL") + "OUTCOME",
        "2026-05-02T10:20:00Z  operator-ann  parked.retry      orders  " + column.formatted(detail) + "not parked",
        "2026-05-02T10:19:00Z  operator-bo   projection.pause  orders  " + column.formatted("-") + "done");
    assertThat(Printed.text(new AuditReport(List.of())))
        .isEqualTo("no action was taken through the admin API in the last twelve months\n");
  }

  @Test
  void theAuditAsJsonHasEveryFieldOfEachEntry() {
    JsonNode entry = Printed.json(new AuditReport(AUDIT)).get("entries").get(1);

    assertThat(entry.get("at").asText()).isEqualTo("2026-05-02T10:19:00Z");
    assertThat(entry.get("id").asText()).isEqualTo(new UUID(1, 1).toString());
    assertThat(entry.get("actor").asText()).isEqualTo("operator-bo");
    assertThat(entry.get("action").asText()).isEqualTo("projection.pause");
    assertThat(entry.get("target").asText()).isEqualTo("orders");
    assertThat(entry.get("detail").asText()).isEmpty();
    assertThat(entry.get("outcome").asText()).isEqualTo("done");
  }

  @Test
  void theAdminApisRefusalsAreNotFoundBadUsageOrRefusedNotInternal() {
    assertThat(Failure.of(new NotParkedException("orders", AGGREGATE, 3))).isEqualTo(new Failure(
        ExitCodes.NOT_FOUND, "projection 'orders' has no parked event of aggregate " + AGGREGATE + " version 3"
            + " (es projection parked orders lists them)"));
    assertThat(Failure.of(new IllegalArgumentException("shard 7 does not exist")))
        .isEqualTo(new Failure(ExitCodes.USAGE, "shard 7 does not exist"));
    assertThat(Failure.of(new IllegalStateException("projection 'orders' has a replay pending already")))
        .isEqualTo(new Failure(ExitCodes.REFUSED, "refused: projection 'orders' has a replay pending already"));
  }
}
