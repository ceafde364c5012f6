package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.admin.EsAdmin;
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
import java.util.UUID;
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
 * The console's endpoints over HTTP: the page is HTML; a stream reads as JSON with its payload; each refusal answers
 * its status and a message naming what is wrong; actions are audited as the request's principal, or as the
 * operating system's user without one.
 */
@SpringBootTest(classes = {TicketApplication.class, EsAdminEndpointTest.HeaderPrincipal.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"es.console.enabled=true", "management.endpoints.web.exposure.include=esadmin,esconsole"})
class EsAdminEndpointTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

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
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("esconsole")).GET(), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/html"));
    assertThat(page.body()).contains("<title>es console</title>");
  }

  @Test
  void aStreamReadsWithItsPayload() throws Exception {
    UUID ticket = UUID.randomUUID();
    tickets.save(Ticket.open(ticket, "toner low"));
    JsonNode stream = ok(send(HttpRequest.newBuilder(uri("esadmin/" + ticket)).GET(), null));
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
    assertRefused(send(HttpRequest.newBuilder(uri("esadmin/" + nobody)).GET(), null), 404, nobody.toString());
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

    JsonNode overview = ok(send(HttpRequest.newBuilder(uri("esadmin")).GET(), null));
    assertThat(overview.get("audit").get(1).get("actor").asText()).isEqualTo("ops-alice");
    assertThat(overview.get("projections").findValuesAsText("name")).contains("ticket-views");
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
