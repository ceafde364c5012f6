package dev.es.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.ShardLag;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.ScheduledDeadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text and the JSON of the saga verbs' reports, from what the admin API returns; no Cassandra needed. */
class SagaReportsTest {

  private static final Instant NOW = Instant.parse("2026-05-02T10:20:00Z");
  private static final UUID INSTANCE = UUID.fromString("3f2a0c1e-5b7d-4e8f-9a01-23456789abcd");
  private static final UUID POISON = new UUID(0, 9);
  private static final SagaDeadline RETRY = new SagaDeadline(new UUID(0, 7), "retry-email", NOW.plusSeconds(3600),
      "");
  private static final String STATE = "{\"orderId\":\"o-42\",\"stage\":\"PAYMENT_REQUESTED\",\"total\":32.40}";

  private static final SagaInstance<String> PARKED = new SagaInstance<>("OrderProcessing", INSTANCE, STATE, 3,
      false, true, Optional.of("blank address for order o-42"), Optional.of(POISON),
      Set.of(new UUID(0, 2), new UUID(0, 1)), List.of(RETRY), Set.of(new UUID(0, 10)), 0);
  private static final SagaInstance<String> ACTIVE = new SagaInstance<>("OrderProcessing", new UUID(0, 5),
      "{\"stage\":\"NEW\"}", 1, false, false, Optional.empty(), Optional.empty(), Set.of(new UUID(0, 3)),
      List.of(), Set.of(), 0);

  @Test
  void anInstanceAsTextShowsItsStatusItsErrorItsCountsItsStateAndItsDeadlines() {
    assertThat(Printed.text(SagaInstanceReport.of(PARKED)).lines()).containsExactly(
        "saga         OrderProcessing",
        "instance     " + INSTANCE,
        "status       parked",
        "version      3",
        "error        blank address for order o-42",
        "parked on    " + POISON,
        "handled      2 events and deadlines",
        "deferred     1 event",
        "unpublished  0 events",
        "state        " + STATE,
        "",
        "DUE                   NAME         DEADLINE                              PAYLOAD",
        "2026-05-02T11:20:00Z  retry-email  " + RETRY.id() + "  -");
    assertThat(Printed.text(SagaInstanceReport.of(ACTIVE)))
        .contains("status       active", "no pending deadlines").doesNotContain("error", "parked on");
  }

  @Test
  void anInstanceAsJsonHasItsStateAsJsonWithItsNumbersAsStoredAndItsIdsSorted() {
    JsonNode json = Printed.json(SagaInstanceReport.of(PARKED));

    assertThat(json.get("saga").asText()).isEqualTo("OrderProcessing");
    assertThat(json.get("instanceId").asText()).isEqualTo(INSTANCE.toString());
    assertThat(json.get("version").asLong()).isEqualTo(3);
    assertThat(json.get("ended").asBoolean()).isFalse();
    assertThat(json.get("parked").asBoolean()).isTrue();
    assertThat(json.get("error").asText()).isEqualTo("blank address for order o-42");
    assertThat(json.get("parkedEvent").asText()).isEqualTo(POISON.toString());
    assertThat(json.get("state").get("stage").asText()).isEqualTo("PAYMENT_REQUESTED");
    assertThat(Json.write(SagaInstanceReport.of(PARKED))).contains("\"total\" : 32.40");
    assertThat(json.get("handled")).extracting(JsonNode::asText)
        .containsExactly(new UUID(0, 1).toString(), new UUID(0, 2).toString());
    JsonNode deadline = json.get("pendingDeadlines").get(0);
    assertThat(deadline.get("id").asText()).isEqualTo(RETRY.id().toString());
    assertThat(deadline.get("name").asText()).isEqualTo("retry-email");
    assertThat(deadline.get("due").asText()).isEqualTo("2026-05-02T11:20:00Z");
    assertThat(deadline.get("payload").asText()).isEmpty();
    assertThat(json.get("deferred")).extracting(JsonNode::asText).containsExactly(new UUID(0, 10).toString());
    assertThat(json.get("unpublishedEvents").asInt()).isZero();
    assertThat(Printed.json(SagaInstanceReport.of(ACTIVE)).get("error").isNull()).isTrue();
  }

  @Test
  void theInstancesOfAnAssociationAreOneLineEachWithTheirStateLast() {
    SagaInstancesReport report = SagaInstancesReport.of("OrderProcessing", "orderId", "o-42", List.of(PARKED, ACTIVE));

    assertThat(Printed.text(report).lines()).containsExactly(
        "INSTANCE                              STATUS  VERSION  DEADLINES  STATE",
        INSTANCE + "  parked  3        1          " + STATE,
        new UUID(0, 5) + "  active  1        0          {\"stage\":\"NEW\"}");
    JsonNode json = Printed.json(report);
    assertThat(json.get("saga").asText()).isEqualTo("OrderProcessing");
    assertThat(json.get("property").asText()).isEqualTo("orderId");
    assertThat(json.get("value").asText()).isEqualTo("o-42");
    assertThat(json.get("instances")).extracting(i -> i.get("instanceId").asText())
        .containsExactly(INSTANCE.toString(), new UUID(0, 5).toString());
    assertThat(Printed.text(SagaInstancesReport.of("OrderProcessing", "orderId", "o-43", List.of())))
        .isEqualTo("no instance of saga 'OrderProcessing' is associated with orderId = o-43\n");
  }

  @Test
  void parkedInstancesAreOneLineEachWithTheEventTheyWereParkedOnAndTheirError() {
    assertThat(Printed.text(ParkedSagaInstancesReport.of("OrderProcessing", 10, List.of(PARKED))).lines())
        .containsExactly(
            "INSTANCE                              VERSION  PARKED ON                             ERROR",
            INSTANCE + "  3        " + POISON + "  blank address for order o-42");
    assertThat(Printed.text(ParkedSagaInstancesReport.of("OrderProcessing", 1, List.of(PARKED))))
        .endsWith("(the first 1: a greater --limit shows more)\n");
    JsonNode json = Printed.json(ParkedSagaInstancesReport.of("OrderProcessing", 10, List.of(PARKED)));
    assertThat(json.get("limit").asInt()).isEqualTo(10);
    assertThat(json.get("instances").get(0).get("error").asText()).isEqualTo("blank address for order o-42");
    assertThat(Printed.text(ParkedSagaInstancesReport.of("OrderProcessing", 10, List.of())))
        .isEqualTo("saga 'OrderProcessing' has no parked instances\n");
  }

  @Test
  void deadlinesAreOneLineEachInDueOrder() {
    SagaDeadline later = new SagaDeadline(new UUID(0, 8), "remind", NOW.plusSeconds(7200), "second reminder");
    SagaDeadlinesReport report = SagaDeadlinesReport.of("UserRegistration", 100, List.of(
        new ScheduledDeadline("UserRegistration", INSTANCE, RETRY),
        new ScheduledDeadline("UserRegistration", INSTANCE, later)));

    assertThat(Printed.text(report).lines()).containsExactly(
        "DUE                   NAME         INSTANCE                              DEADLINE"
            + "                              PAYLOAD",
        "2026-05-02T11:20:00Z  retry-email  " + INSTANCE + "  " + RETRY.id() + "  -",
        "2026-05-02T12:20:00Z  remind       " + INSTANCE + "  " + later.id() + "  second reminder");
    JsonNode json = Printed.json(report);
    assertThat(json.get("saga").asText()).isEqualTo("UserRegistration");
    JsonNode first = json.get("deadlines").get(0);
    assertThat(first.get("instance").asText()).isEqualTo(INSTANCE.toString());
    assertThat(first.get("id").asText()).isEqualTo(RETRY.id().toString());
    assertThat(first.get("name").asText()).isEqualTo("retry-email");
    assertThat(first.get("due").asText()).isEqualTo("2026-05-02T11:20:00Z");
    assertThat(first.get("payload").asText()).isEmpty();
    assertThat(Printed.text(SagaDeadlinesReport.of("UserRegistration", 100, List.of())))
        .isEqualTo("no deadline is pending on saga 'UserRegistration'\n");
  }

  @Test
  void theSagasAreOneLineEachWithTheirFeedConsumersStateAndLag() {
    ProjectionOverview consumer = new ProjectionOverview("saga:OrderProcessing", NOW, true, Optional.empty(),
        Optional.empty(), 4, List.of(new ShardLag(0, 10, 4, Duration.ofSeconds(3), 0)), List.of());
    SagasReport report = new SagasReport(List.of(SagasReport.Saga.of("OrderProcessing", consumer)));

    assertThat(Printed.text(report).lines()).containsExactly(
        "SAGA             CONSUMER              STATE   LAG",
        "OrderProcessing  saga:OrderProcessing  paused  4");
    JsonNode saga = Printed.json(report).get("sagas").get(0);
    assertThat(saga.get("name").asText()).isEqualTo("OrderProcessing");
    assertThat(saga.get("consumer").asText()).isEqualTo("saga:OrderProcessing");
    assertThat(saga.get("state").asText()).isEqualTo("paused");
    assertThat(saga.get("lag").asLong()).isEqualTo(4);
    assertThat(Printed.text(new SagasReport(List.of())))
        .isEqualTo("no saga is registered on this feed: no saga runner has started one\n");
  }
}
