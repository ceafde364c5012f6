package dev.es.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.admin.ShardInspection;
import dev.es.runtime.admin.StreamInspection;
import dev.es.runtime.feed.Backlog;
import dev.es.runtime.feed.LeaseState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text and the JSON of the stream and feed reports, from what the admin API returns; no Cassandra needed. */
class ReportTest {

  private static final UUID ID = UUID.fromString("3f2a0c1e-5b7d-4e8f-9a01-23456789abcd");
  private static final Instant T1 = Instant.parse("2026-05-02T10:15:30.123Z");
  private static final Instant T2 = Instant.parse("2026-05-02T10:15:31.456Z");

  private static InspectedEvent event(long version, String type, String json, String user) {
    return new InspectedEvent(version, new UUID(0, version), type, 2, version == 1 ? T1 : T2, user,
        Map.of("correlation_id", "c-1", "causation_id", "c-0"), json, Optional.empty(),
        Optional.of("unknown event type " + type));
  }

  private static final StreamInspection STREAM = new StreamInspection(ID, "Account", 3, 1, true,
      List.of(event(1, "AccountOpened", "{\"owner\":\"ann\"}", "operator"),
          event(2, "Deposited", "{\"amount\":12.50,\"currency\":\"EUR\"}", null)),
      List.of(new StoredSnapshot(ID, "Account", 2, "f-1", "{\"balance\":12.50}", T2)));

  @Test
  void aStreamAsTextShowsItsHeadItsPublishingItsEventsAndSnapshotsInColumns() {
    assertThat(Printed.text(StreamReport.of(STREAM)).lines()).containsExactly(
        "aggregate  Account 3f2a0c1e-5b7d-4e8f-9a01-23456789abcd",
        "head       3",
        "published  1 (2 events not yet in the feed, marked for the feed publisher)",
        "",
        "VERSION  TYPE           REVISION  TIME                      USER      PAYLOAD",
        "1        AccountOpened  2         2026-05-02T10:15:30.123Z  operator  {\"owner\":\"ann\"}",
        "2        Deposited      2         2026-05-02T10:15:31.456Z  -         {\"amount\":12.50,\"currency\":\"EUR\"}",
        "(more: --from 3)",
        "",
        "SNAPSHOT  FINGERPRINT  TIME",
        "2         f-1          2026-05-02T10:15:31.456Z");
  }

  @Test
  void aFullyPublishedStreamAndAPagePastItsHeadSaySo() {
    StreamInspection published = new StreamInspection(ID, "Account", 3, 3, false, List.of(), List.of());

    assertThat(Printed.text(StreamReport.of(published))).contains(
        "published  3 (the whole stream)",
        "no events in this page: the stream's head is version 3",
        "no snapshots");
  }

  @Test
  void aStreamAsJsonNestsPayloadsAndStatesAsJsonWithTheirNumbersAsStored() {
    JsonNode json = Printed.json(StreamReport.of(STREAM));

    assertThat(json.get("aggregateId").asText()).isEqualTo(ID.toString());
    assertThat(json.get("aggregateType").asText()).isEqualTo("Account");
    assertThat(json.get("head").asLong()).isEqualTo(3);
    assertThat(json.get("published").asLong()).isEqualTo(1);
    assertThat(json.get("dirty").asBoolean()).isTrue();
    assertThat(json.get("fullyPublished").asBoolean()).isFalse();
    JsonNode deposited = json.get("events").get(1);
    assertThat(deposited.get("version").asLong()).isEqualTo(2);
    assertThat(deposited.get("eventId").asText()).isEqualTo(new UUID(0, 2).toString());
    assertThat(deposited.get("eventType").asText()).isEqualTo("Deposited");
    assertThat(deposited.get("revision").asInt()).isEqualTo(2);
    assertThat(deposited.get("timestamp").asText()).isEqualTo("2026-05-02T10:15:31.456Z");
    assertThat(deposited.get("userId").isNull()).isTrue();
    assertThat(deposited.get("metadata").get("correlation_id").asText()).isEqualTo("c-1");
    assertThat(deposited.get("payload").isObject()).isTrue();
    assertThat(deposited.get("payload").get("currency").asText()).isEqualTo("EUR");
    assertThat(Json.write(StreamReport.of(STREAM))).contains("\"amount\" : 12.50", "\"balance\" : 12.50");
    JsonNode snapshot = json.get("snapshots").get(0);
    assertThat(snapshot.get("version").asLong()).isEqualTo(2);
    assertThat(snapshot.get("fingerprint").asText()).isEqualTo("f-1");
    assertThat(snapshot.get("state").get("balance").decimalValue()).isEqualByComparingTo("12.5");
  }

  @Test
  void storedTextThatIsNotJsonStaysAString() {
    assertThat(Json.tree("{not json").isTextual()).isTrue();
    assertThat(Json.tree("{not json").asText()).isEqualTo("{not json");
  }

  private static final Instant NOW = Instant.parse("2026-05-02T10:20:00Z");

  private static final List<ShardInspection> SHARDS = List.of(
      new ShardInspection(0, Optional.of(new LeaseState("publisher-0", "shop-1", 4, NOW.plusSeconds(8), 7)), true,
          1200, new Backlog(0, 0, 0, Optional.empty())),
      new ShardInspection(1, Optional.empty(), false, 0,
          new Backlog(1, 5, 3, Optional.of(NOW.minusSeconds(247)))));

  @Test
  void theFeedAsTextIsOneLinePerShard() {
    assertThat(Printed.text(FeedReport.of(SHARDS, NOW)).lines()).containsExactly(
        "SHARD  PUBLISHER  LEASE  EXPIRES               HEAD  BACKLOG  STREAMS  WAITING",
        "0      shop-1     held   2026-05-02T10:20:08Z  1200  0        0        -",
        "1      -          -      -                     0     5        3        4m07s");
  }

  @Test
  void theFeedAsJsonHasEveryShardWithNullsForWhatIsNotThere() {
    JsonNode json = Printed.json(FeedReport.of(SHARDS, NOW));

    assertThat(json.get("observedAt").asText()).isEqualTo("2026-05-02T10:20:00Z");
    JsonNode held = json.get("shards").get(0);
    assertThat(held.get("shard").asInt()).isZero();
    assertThat(held.get("publisher").asText()).isEqualTo("shop-1");
    assertThat(held.get("publishing").asBoolean()).isTrue();
    assertThat(held.get("leaseExpires").asText()).isEqualTo("2026-05-02T10:20:08Z");
    assertThat(held.get("headPosition").asLong()).isEqualTo(1200);
    assertThat(held.get("oldestUnpublishedAt").isNull()).isTrue();
    JsonNode unpublished = json.get("shards").get(1);
    assertThat(unpublished.get("publisher").isNull()).isTrue();
    assertThat(unpublished.get("leaseExpires").isNull()).isTrue();
    assertThat(unpublished.get("backlogEvents").asLong()).isEqualTo(5);
    assertThat(unpublished.get("backlogStreams").asLong()).isEqualTo(3);
    assertThat(unpublished.get("oldestUnpublishedAt").asText()).isEqualTo("2026-05-02T10:15:53Z");
    assertThat(unpublished.get("backlogAgeMillis").asLong()).isEqualTo(247_000);
  }

  @Test
  void anAgeIsShownToTheUnitThatMatters() {
    assertThat(Ages.of(850)).isEqualTo("850ms");
    assertThat(Ages.of(12_400)).isEqualTo("12s");
    assertThat(Ages.of(247_000)).isEqualTo("4m07s");
    assertThat(Ages.of(7_500_000)).isEqualTo("2h05m");
    assertThat(Ages.of(2 * 86_400_000L + 3_600_000)).isEqualTo("2d01h");
  }

  @Test
  void aTableAlignsItsColumnsAndPadsNotTheLast() {
    StringWriter out = new StringWriter();
    new Table("A", "LONGER").row("wide value", null).row(1, "x").print(new PrintWriter(out));

    assertThat(out.toString().lines()).containsExactly(
        "A           LONGER",
        "wide value  -",
        "1           x");
  }
}
