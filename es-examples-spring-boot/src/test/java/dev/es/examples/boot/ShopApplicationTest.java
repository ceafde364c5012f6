package dev.es.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.SharedCassandra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop over HTTP against a real Cassandra (the testkit's: {@code ES_CASSANDRA_CONTACT_POINTS} when set, else an
 * embedded node): commands, the read models they lead to, the saga's effects, health and the es endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.cassandra.config=classpath:test-driver.conf",
    "spring.cassandra.request.timeout=30s",
    "spring.cassandra.connection.init-query-timeout=10s"})
class ShopApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    CassandraCluster cluster = SharedCassandra.get();
    registry.add("spring.cassandra.contact-points", () -> cluster.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
    registry.add("spring.cassandra.local-datacenter", cluster::localDatacenter);
    registry.add("es.keyspace", () -> "shop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void commandsOverHttpReachTheReadModelsAndTheSaga() throws Exception {
    UUID user = UUID.fromString(post("/users",
        "{\"email\":\"ann@example.com\",\"firstName\":\"Ann\",\"lastName\":\"Lee\"}", 201).get("id").asText());
    // users are projected inline: the read right after the command sees it
    assertThat(get("/users/" + user, 200).get("email").asText()).isEqualTo("ann@example.com");

    UUID order = UUID.fromString(post("/orders", "{\"customerId\":\"" + user
        + "\",\"items\":[{\"sku\":\"book\",\"quantity\":2,\"unitPrice\":12.50}]}", 201).get("id").asText());
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode view = get("/orders/" + order, 200);
      assertThat(view.get("status").asText()).isEqualTo("PENDING");
      assertThat(view.get("total").decimalValue()).isEqualByComparingTo("25.00");
    });
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventTypes(order)).contains("PaymentRequested"));

    post("/orders/" + order + "/payment", "{\"paymentId\":\"pay-1\",\"amount\":25.00}", 204);
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(eventTypes(order)).containsSubsequence(
          "OrderCreated", "PaymentRequested", "PaymentConfirmed", "InventoryReserved", "ShipmentCreated");
      assertThat(get("/orders/" + order, 200).get("status").asText()).isEqualTo("PAID");
    });
    assertThat(get("/customers/" + user + "/orders", 200)).singleElement()
        .satisfies(row -> assertThat(row.get("orderId").asText()).isEqualTo(order.toString()));

    post("/orders/" + UUID.randomUUID() + "/payment", "{\"paymentId\":\"pay-2\",\"amount\":1}", 404);

    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode health = get("/actuator/health", 200);
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(health.at("/components/es/status").asText()).isEqualTo("UP");
      JsonNode es = get("/actuator/es", 200);
      assertThat(es.at("/projections/0/name").asText()).isEqualTo("orders");
      assertThat(es.at("/projections/0/state").asText()).isEqualTo("RUNNING");
      assertThat(es.at("/projections/0/lagEvents").asLong()).isZero();
      assertThat(es.at("/sagas/0/name").asText()).isEqualTo("order-fulfillment");
      assertThat(es.at("/sagas/0/lagEvents").asLong()).isZero();
      assertThat(es.at("/publishers/0/state").asText()).isEqualTo("RUNNING");
    });
  }

  private List<String> eventTypes(UUID order) throws IOException, InterruptedException {
    List<String> types = new ArrayList<>();
    get("/orders/" + order + "/events", 200).forEach(event -> types.add(event.get("type").asText()));
    return types;
  }

  private JsonNode get(String path, int status) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET().build(), status);
  }

  private JsonNode post(String path, String body, int status) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), status);
  }

  private JsonNode send(HttpRequest request, int status) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(request.method() + " " + request.uri() + ": " + response.body())
        .isEqualTo(status);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
