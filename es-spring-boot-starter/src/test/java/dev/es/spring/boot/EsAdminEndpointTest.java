package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.saga.SagaInstance;
import dev.es.spring.boot.app.AutoCloser;
import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketApplication;
import dev.es.spring.boot.app.TicketRepository;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's endpoints over HTTP: the page is HTML; a stream reads as JSON with its payload; the overview shows
 * each saga's parked instances and pending deadlines, and a saga's instances are found by association with their
 * state; each refusal answers its status and a message naming what is wrong; actions are audited as the request's
 * principal, or as the operating system's user without one.
 */
@SpringBootTest(classes = {TicketApplication.class, EsAdminEndpointTest.HeaderPrincipal.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"es.console.enabled=true", "management.endpoints.web.exposure.include=esadmin,esconsole"})
class EsAdminEndpointTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAGA = "auto-closer";

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    TestCassandra.register(registry);
  }

  /** Stands in for the application's security: a request's {@code X-Test-User} header becomes its principal. */
  @Configuration(proxyBeanMethods = false)
  static class HeaderPrincipal {
    @Bean
    Filter headerPrincipal() {
      return (request, response, chain) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        String user = http.getHeader("X-Test-User");
        chain.doFilter(user == null ? request : new HttpServletRequestWrapper(http) {
          @Override
          public Principal getUserPrincipal() {
            return () -> user;
          }
        }, response);
      };
    }
  }

  @LocalServerPort int port;
  @Autowired TicketRepository tickets;
  @Autowired EsAdmin admin;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void projectionRegistered() {
    await().atMost(PATIENCE).until(() -> admin.projectionNames().contains("ticket-views"));
  }

  @Test
  void thePageIsHtml() throws Exception {
    HttpResponse<String> page = get("esconsole");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/html"));
    assertThat(page.body()).contains("<title>es console</title>");
  }

  @Test
  void aStreamReadsWithItsPayload() throws Exception {
    UUID ticket = UUID.randomUUID();
    tickets.save(Ticket.open(ticket, "toner low"));
    JsonNode stream = ok(get("esadmin/" + ticket));
    assertThat(stream.get("aggregateType").asText()).isEqualTo("Ticket");
    assertThat(stream.get("head").asLong()).isEqualTo(1);
    JsonNode event = stream.get("events").get(0);
    assertThat(event.get("eventType").asText()).isEqualTo("TicketOpened");
    assertThat(JSON.readTree(event.get("json").asText()).get("title").asText()).isEqualTo("toner low");
  }

  @Test
  void refusalsAnswerTheirStatusAndWhy() throws Exception {
    UUID nobody = UUID.randomUUID();
    assertRefused(post("nowhere/pause", "{}", null), 404, "'nowhere'");
    assertRefused(post("ticket-views/explode", "{}", null), 400, "unknown action 'explode'");
    assertRefused(post("ticket-views/retry", "{}", null), 400, "retry needs aggregateId and version");
    assertRefused(post("ticket-views/skip", "{\"aggregateId\": \"not-a-uuid\", \"version\": 1}", null), 400,
        "aggregateId must be a UUID, was 'not-a-uuid'");
    assertRefused(post("ticket-views/retry", "{\"aggregateId\": \"" + nobody + "\", \"version\": 1}", null), 409,
        "aggregate " + nobody + " version 1 is not parked");
    assertRefused(post("ticket-views/reset", "{\"at\": \"yesterday\"}", null), 400, "'yesterday'");
    assertRefused(post("ticket-views/reset", "{\"shard\": 0}", null), 400, "both shard and position");
    assertRefused(post("ticket-views/reset", "{\"shard\": 7, \"position\": 0}", null), 400, "shard 7");
    assertRefused(get("esadmin/" + nobody), 404, nobody.toString());
  }

  @Test
  void actionsAreAuditedAsTheRequestsPrincipalElseAsTheOperatingSystemsUser() throws Exception {
    assertThat(ok(post("ticket-views/pause", "{}", "ops-alice")).get("outcome").asText())
        .isEqualTo("pause requested");
    assertThat(ok(post("ticket-views/resume", "{}", null)).get("outcome").asText())
        .isEqualTo("resume requested");
    assertThat(admin.audit(2)).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target)
        .containsExactly(tuple(System.getProperty("user.name"), "projection.resume", "ticket-views"),
            tuple("ops-alice", "projection.pause", "ticket-views"));

    JsonNode overview = ok(get("esadmin"));
    assertThat(overview.get("audit").get(1).get("actor").asText()).isEqualTo("ops-alice");
    assertThat(overview.get("projections").findValuesAsText("name")).contains("ticket-views");
  }

  @Test
  void theOverviewShowsEachSagasParkedInstancesAndPendingDeadlines() throws Exception {
    UUID poisoned = UUID.randomUUID();
    UUID question = UUID.randomUUID();
    Instant before = Instant.now();
    tickets.save(Ticket.open(poisoned, "poison"));
    tickets.save(Ticket.open(question, "question: where is my refund?"));
    SagaInstance<String> parked = instanceOf(poisoned, SagaInstance::parked);
    SagaInstance<String> waiting = instanceOf(question, instance -> !instance.pendingDeadlines().isEmpty());
    Instant after = Instant.now();

    JsonNode saga = only(ok(get("esadmin")).get("sagas"), "name", SAGA);
    JsonNode parkedView = only(saga.get("parked"), "instanceId", parked.instanceId().toString());
    assertThat(parkedView.get("parked").asBoolean()).isTrue();
    assertThat(parkedView.get("error").asText()).contains("ticket " + poisoned + " is poisoned");
    assertThat(parkedView.get("parkedEvent").asText()).isEqualTo(parked.parkedEvent().orElseThrow().toString());
    assertThat(parkedView.get("version").asLong()).isEqualTo(parked.version());
    assertThat(parkedView.get("deferred").asInt()).isZero();
    JsonNode deadline = only(saga.get("deadlines"), "instanceId", waiting.instanceId().toString());
    assertThat(deadline.get("name").asText()).isEqualTo(AutoCloser.EXPIRE_QUESTION);
    assertThat(deadline.get("id").asText()).isEqualTo(waiting.pendingDeadlines().get(0).id().toString());
    assertThat(Instant.parse(deadline.get("due").asText()))
        .isBetween(before.plus(AutoCloser.QUESTION_OPEN_FOR).minusMillis(1), after.plus(AutoCloser.QUESTION_OPEN_FOR));
  }

  @Test
  void aSagasInstancesAreFoundByAssociationWithTheirStateAsStored() throws Exception {
    UUID question = UUID.randomUUID();
    tickets.save(Ticket.open(question, "question: can I pay by card?"));
    SagaInstance<String> waiting = instanceOf(question, instance -> !instance.pendingDeadlines().isEmpty());

    JsonNode found = ok(get(instancesPath(question)));
    assertThat(found).hasSize(1);
    JsonNode instance = found.get(0);
    assertThat(instance.get("saga").asText()).isEqualTo(SAGA);
    assertThat(instance.get("instanceId").asText()).isEqualTo(waiting.instanceId().toString());
    assertThat(JSON.readTree(instance.get("state").asText()).get("ticket").asText()).isEqualTo(question.toString());
    assertThat(instance.get("handled").asInt()).isEqualTo(1);
    assertThat(instance.get("ended").asBoolean()).isFalse();
    assertThat(instance.get("parked").asBoolean()).isFalse();
    assertThat(instance.get("error").isNull()).isTrue();
    assertThat(instance.get("pendingDeadlines").findValuesAsText("name")).containsExactly(AutoCloser.EXPIRE_QUESTION);
    assertThat(ok(get(instancesPath(UUID.randomUUID())))).isEmpty();

    assertRefused(get("esadmin/nowhere/instances?property=ticket&value=1"), 404, "no saga named 'nowhere'");
    assertRefused(get("esadmin/" + SAGA + "/everything?property=ticket&value=1"), 400, "'everything'");
  }

  @Test
  void endEndsAParkedInstanceAsTheRequestsPrincipalAndIsRefusedForAnyOther() throws Exception {
    UUID poisoned = UUID.randomUUID();
    UUID question = UUID.randomUUID();
    tickets.save(Ticket.open(poisoned, "poison"));
    tickets.save(Ticket.open(question, "question: is it plugged in?"));
    UUID parked = instanceOf(poisoned, SagaInstance::parked).instanceId();
    UUID running = instanceOf(question, instance -> true).instanceId();

    assertThat(ok(post(SAGA + "/end", instanceBody(parked), "ops-carol")).get("outcome").asText())
        .isEqualTo("instance " + parked + " ended");
    assertThat(admin.audit(1)).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target,
        AuditEntry::detail, AuditEntry::outcome).containsExactly(tuple("ops-carol", "saga.end", SAGA,
            "instance " + parked, "done"));
    JsonNode ended = ok(get(instancesPath(poisoned))).get(0);
    assertThat(ended.get("ended").asBoolean()).isTrue();
    assertThat(ended.get("parked").asBoolean()).isFalse();
    assertThat(ended.get("error").asText()).as("why it was parked is kept").contains("is poisoned");

    UUID nobody = UUID.randomUUID();
    assertRefused(post("nowhere/end", instanceBody(nobody), null), 404, "no saga named 'nowhere'");
    assertRefused(post(SAGA + "/end", instanceBody(nobody), null), 404, "has no instance " + nobody);
    assertRefused(post(SAGA + "/end", instanceBody(parked), null), 409, parked + " is not parked (it has ended)");
    assertRefused(post(SAGA + "/end", instanceBody(running), null), 409, running + " is not parked");
    assertRefused(post(SAGA + "/end", "{}", null), 400, "end needs instance");
    assertRefused(post(SAGA + "/end", "{\"instance\": \"x\"}", null), 400, "instance must be a UUID, was 'x'");
    assertThat(admin.audit(1).get(0).outcome()).startsWith("refused: ");
  }

  /** The auto-closer's instance following {@code ticket}, once there is one that {@code is} so. */
  private SagaInstance<String> instanceOf(UUID ticket, Predicate<SagaInstance<String>> is) {
    return await().atMost(PATIENCE).until(() -> admin.sagaInstances(SAGA, "ticket", ticket.toString()),
        found -> found.size() == 1 && is.test(found.get(0))).get(0);
  }

  private static String instancesPath(UUID ticket) {
    return "esadmin/" + SAGA + "/instances?property=ticket&value=" + ticket;
  }

  private static String instanceBody(UUID instance) {
    return "{\"instance\": \"" + instance + "\"}";
  }

  /** The one element of {@code array} whose {@code field} is {@code value}. */
  private static JsonNode only(JsonNode array, String field, String value) {
    List<JsonNode> matching = StreamSupport.stream(array.spliterator(), false)
        .filter(element -> element.get(field).asText().equals(value)).toList();
    assertThat(matching).as(field + " " + value + " in " + array).hasSize(1);
    return matching.get(0);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET(), null);
  }

  private HttpResponse<String> post(String path, String body, String user) throws Exception {
    return send(HttpRequest.newBuilder(uri("esadmin/" + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), user);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String user) throws IOException,
      InterruptedException {
    if (user != null) {
      request.header("X-Test-User", user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + "/actuator/" + path);
  }

  private static JsonNode ok(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void assertRefused(HttpResponse<String> response, int status, String named) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("message").asText()).contains(named);
  }
}
