package dev.es.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.es.it.cli.EsCli.Run;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderSaga;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.it.saga.RegistrationSaga;
import dev.es.it.saga.StoreAndFeed;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code es sagas} and {@code es saga …}, text and JSON, against the test sagas run by a runner in this JVM: an order
 * saga that parks on a blank address, and a registration saga that schedules a retry an hour ahead.
 */
@CassandraTest
class SagaCommandsTest {

  private static final String ORDERS = "OrderProcessing";
  private static final String REGISTRATION = "UserRegistration";
  private static final String OPERATOR = "operator-bo";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final CassandraCluster cluster;
  private final String keyspace;
  private final StoreAndFeed storage;
  private FeedPublishers publishers;
  private SagaRunner runner;

  SagaCommandsTest(CassandraCluster cluster, TestKeyspace keyspace, CqlSession session) {
    this.cluster = cluster;
    this.keyspace = keyspace.name();
    this.storage = new StoreAndFeed(session, keyspace.name());
  }

  @BeforeEach
  void start() {
    publishers = storage.feed.startPublishing("test");
    runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).add(new RegistrationSaga(Duration.ofHours(1)))
        .retries(3, Duration.ofMillis(20)).build().start();
  }

  @AfterEach
  void stop() {
    runner.close();
    publishers.close();
  }

  /** {@code es} on the test's keyspace, with the feed's shard count. */
  private Run es(String... args) {
    List<String> all = new ArrayList<>(List.of("--keyspace", keyspace, "--shards",
        String.valueOf(StoreAndFeed.OPTIONS.shards())));
    all.addAll(List.of(args));
    return EsCli.es(cluster, all.toArray(String[]::new));
  }

  private JsonNode instancesOf(String saga, String property, UUID value) {
    return es("saga", "instances", saga, property, value.toString(), "--json").json().get("instances");
  }

  @Test
  void theSagasAreListedWithTheirFeedConsumers() {
    await().atMost(PATIENCE).until(() -> {
      JsonNode sagas = es("sagas", "--json").json().get("sagas");
      return sagas.findValuesAsText("state").equals(List.of("running", "running"))
          && sagas.findValues("lag").stream().allMatch(lag -> lag.asLong() == 0);
    });

    Run sagas = es("sagas");
    assertThat(sagas.exitCode()).as(sagas.err()).isZero();
    assertThat(sagas.rows()).extracting(List::of).containsExactly(
        List.of("SAGA", "CONSUMER", "STATE", "LAG"),
        List.of(ORDERS, "saga:" + ORDERS, "running", "0"),
        List.of(REGISTRATION, "saga:" + REGISTRATION, "running", "0"));
    JsonNode json = es("sagas", "--json").json().get("sagas");
    assertThat(json.findValuesAsText("name")).containsExactly(ORDERS, REGISTRATION);
    assertThat(json.findValuesAsText("consumer")).containsExactly("saga:" + ORDERS, "saga:" + REGISTRATION);
    assertThat(json.findValues("lag")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
    assertThat(es("projections").row("saga:" + ORDERS)[1]).as("the consumer is a projection").isEqualTo("running");
  }

  @Test
  void whatHappenedToAnOrderIsItsInstanceFoundByAssociationWithItsStateAsStored() {
    UUID orderId = UUID.randomUUID();
    storage.append("Order", orderId, new OrderCreated(orderId, "ann", 4200));
    await().atMost(PATIENCE).until(() -> instancesOf(ORDERS, "orderId", orderId).size() == 1);

    JsonNode found = instancesOf(ORDERS, "orderId", orderId).get(0);
    UUID instanceId = UUID.fromString(found.get("instanceId").asText());
    assertThat(found.get("state").get("stage").asText()).isEqualTo("PAYMENT_REQUESTED");
    assertThat(found.get("state").get("orderId").asText()).isEqualTo(orderId.toString());
    Run instances = es("saga", "instances", ORDERS, "orderId", orderId.toString());
    assertThat(instances.exitCode()).as(instances.err()).isZero();
    assertThat(instances.row("INSTANCE")).containsExactly("INSTANCE", "STATUS", "VERSION", "DEADLINES", "STATE");
    String[] row = instances.row(instanceId.toString());
    assertThat(row[1]).isEqualTo("active");
    assertThat(row[2]).isEqualTo(found.get("version").asText());
    assertThat(row[3]).isEqualTo("0");
    assertThat(row[4]).contains("\"stage\":\"PAYMENT_REQUESTED\"").contains(orderId.toString());

    Run instance = es("saga", "instance", ORDERS, instanceId.toString());
    assertThat(instance.exitCode()).as(instance.err()).isZero();
    assertThat(instance.row("saga")).containsExactly("saga", ORDERS);
    assertThat(instance.row("instance")).containsExactly("instance", instanceId.toString());
    assertThat(instance.row("status")).containsExactly("status", "active");
    assertThat(instance.row("handled")).containsExactly("handled", "1 event or deadline");
    assertThat(instance.row("state")[1]).contains("PAYMENT_REQUESTED");
    assertThat(instance.out()).contains("no pending deadlines").doesNotContain("error");
    JsonNode json = es("saga", "instance", ORDERS, instanceId.toString(), "--json").json();
    assertThat(json.get("instanceId").asText()).isEqualTo(instanceId.toString());
    assertThat(json.get("ended").asBoolean()).isFalse();
    assertThat(json.get("parked").asBoolean()).isFalse();
    assertThat(json.get("error").isNull()).isTrue();
    assertThat(json.get("handled")).hasSize(1);
    assertThat(json.get("state").get("stage").asText()).isEqualTo("PAYMENT_REQUESTED");
    assertThat(json.get("unpublishedEvents").asInt()).isZero();

    UUID unknownOrder = UUID.randomUUID();
    assertThat(es("saga", "instances", ORDERS, "orderId", unknownOrder.toString()).out())
        .isEqualTo("no instance of saga '" + ORDERS + "' is associated with orderId = " + unknownOrder + "\n");
    assertThat(instancesOf(ORDERS, "orderId", unknownOrder)).isEmpty();
  }

  @Test
  void aParkedInstanceIsListedAndEndedByHandAndEndingItAgainIsRefused() {
    UUID poisoned = UUID.randomUUID();
    storage.append("Order", poisoned, new OrderCreated(poisoned, "bob", 100));
    storage.append("Order", poisoned, new OrderAddressChanged(poisoned, " "));
    await().atMost(PATIENCE).until(() -> es("saga", "parked", ORDERS, "--json").json().get("instances").size() == 1);

    JsonNode parked = es("saga", "parked", ORDERS, "--json").json().get("instances").get(0);
    UUID instanceId = UUID.fromString(parked.get("instanceId").asText());
    assertThat(parked.get("parked").asBoolean()).isTrue();
    assertThat(parked.get("error").asText()).contains("blank address");
    Run list = es("saga", "parked", ORDERS);
    assertThat(list.row("INSTANCE")).containsExactly("INSTANCE", "VERSION", "PARKED ON", "ERROR");
    String[] row = list.row(instanceId.toString());
    assertThat(row[1]).isEqualTo(parked.get("version").asText());
    assertThat(row[2]).isEqualTo(parked.get("parkedEvent").asText());
    assertThat(row[3]).contains("blank address");
    Run one = es("saga", "instance", ORDERS, instanceId.toString());
    assertThat(one.row("status")).containsExactly("status", "parked");
    assertThat(one.row("error")[1]).contains("blank address");
    // the compensation is appended when the instance is parked: only then does it end
    await().atMost(PATIENCE).until(() -> storage.count("OrderCancelled") == 1
        && es("saga", "instance", ORDERS, instanceId.toString(), "--json").json().get("unpublishedEvents")
            .asInt() == 0);

    Run end = es("saga", "end", ORDERS, instanceId.toString(), "--as", OPERATOR);
    assertThat(end.exitCode()).as(end.err()).isZero();
    assertThat(end.row("action")).containsExactly("action", "saga.end");
    assertThat(end.row("target")).containsExactly("target", ORDERS);
    assertThat(end.row("detail")).containsExactly("detail", "instance " + instanceId);
    assertThat(end.row("actor")).containsExactly("actor", OPERATOR);
    assertThat(end.row("outcome")).containsExactly("outcome", "done");
    SagaInstance<String> ended = new EsAdmin(storage.feed, "test").sagaInstance(ORDERS, instanceId);
    assertThat(ended.ended()).isTrue();
    assertThat(ended.parked()).isFalse();
    assertThat(end.row("effect")[1]).startsWith("ended at version " + ended.version());
    assertThat(es("saga", "parked", ORDERS).out()).isEqualTo("saga '" + ORDERS + "' has no parked instances\n");
    assertThat(es("saga", "instance", ORDERS, instanceId.toString()).row("status")).containsExactly("status", "ended");

    for (Run again : List.of(es("saga", "end", ORDERS, instanceId.toString(), "--as", OPERATOR),
        es("saga", "end", ORDERS, instanceId.toString(), "--as", OPERATOR, "--json"))) {
      assertThat(again.exitCode()).isEqualTo(5);
      assertThat(again.out()).isEmpty();
      assertThat(again.err().lines()).containsExactly("es: refused: saga '" + ORDERS + "' instance " + instanceId
          + " is not parked (it has ended): only a parked instance is ended by hand");
    }
    JsonNode audit = es("audit", "--limit", "3", "--json").json().get("entries");
    assertThat(audit).extracting(entry -> entry.get("outcome").asText().replaceAll(":.*", ""))
        .containsExactly("refused", "refused", "done");
    assertThat(audit).allSatisfy(entry -> {
      assertThat(entry.get("action").asText()).isEqualTo("saga.end");
      assertThat(entry.get("target").asText()).isEqualTo(ORDERS);
      assertThat(entry.get("detail").asText()).isEqualTo("instance " + instanceId);
      assertThat(entry.get("actor").asText()).isEqualTo(OPERATOR);
    });
  }

  @Test
  void aPendingDeadlineIsListedAndShownOnItsInstance() {
    UUID userId = UUID.randomUUID();
    storage.append("User", userId, new UserRegistered(userId, "cy@example.com"));
    await().atMost(PATIENCE).until(() -> instancesOf(REGISTRATION, "userId", userId).size() == 1);
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(userId, "greylisted"));
    await().atMost(PATIENCE).until(() -> es("saga", "deadlines", REGISTRATION, "--json").json().get("deadlines")
        .size() == 1);

    JsonNode deadline = es("saga", "deadlines", REGISTRATION, "--json").json().get("deadlines").get(0);
    String instanceId = instancesOf(REGISTRATION, "userId", userId).get(0).get("instanceId").asText();
    assertThat(deadline.get("instance").asText()).isEqualTo(instanceId);
    assertThat(deadline.get("name").asText()).isEqualTo(RegistrationSaga.RETRY);
    assertThat(Instant.parse(deadline.get("due").asText()))
        .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofHours(1)));
    Run deadlines = es("saga", "deadlines", REGISTRATION);
    assertThat(deadlines.exitCode()).as(deadlines.err()).isZero();
    assertThat(deadlines.rows()).extracting(List::of).containsExactly(
        List.of("DUE", "NAME", "INSTANCE", "DEADLINE", "PAYLOAD"),
        List.of(deadline.get("due").asText(), RegistrationSaga.RETRY, instanceId, deadline.get("id").asText(), "-"));

    Run instance = es("saga", "instance", REGISTRATION, instanceId);
    assertThat(instance.row("DUE")).containsExactly("DUE", "NAME", "DEADLINE", "PAYLOAD");
    assertThat(instance.row(deadline.get("due").asText()))
        .containsExactly(deadline.get("due").asText(), RegistrationSaga.RETRY, deadline.get("id").asText(), "-");
    JsonNode pending = es("saga", "instance", REGISTRATION, instanceId, "--json").json().get("pendingDeadlines");
    assertThat(pending).singleElement().satisfies(d -> assertThat(d.get("id")).isEqualTo(deadline.get("id")));
  }

  @Test
  void anUnknownSagaOrInstanceIsOneLineAndExitCode1() {
    UUID unknown = UUID.randomUUID();
    List<Run> unknownSaga = List.of(es("saga", "parked", "Shipping"), es("saga", "deadlines", "Shipping", "--json"),
        es("saga", "instances", "Shipping", "orderId", "42"), es("saga", "end", "Shipping", unknown.toString()));
    for (Run run : unknownSaga) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).containsExactly("es: no saga named 'Shipping' is registered on this feed; known: ["
          + ORDERS + ", " + REGISTRATION + "]");
    }
    for (Run run : List.of(es("saga", "instance", ORDERS, unknown.toString()),
        es("saga", "end", ORDERS, unknown.toString(), "--json"))) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).containsExactly("es: saga '" + ORDERS + "' has no instance " + unknown);
    }
    Run notAnId = es("saga", "instance", ORDERS, "42");
    assertThat(notAnId.exitCode()).isEqualTo(2);
    assertThat(notAnId.err().lines()).singleElement().asString().startsWith("es: ").contains("'42' is not a UUID");
  }
}
