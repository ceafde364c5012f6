package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketApplication;
import dev.es.spring.boot.app.TicketRepository;
import dev.es.spring.boot.app.TicketView;
import dev.es.spring.boot.app.TicketViewTable;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test application, wired by the starter alone, saves, loads, projects and runs its saga; the endpoint lists a
 * parked saga instance, which leaves health UP.
 */
@SpringBootTest(classes = TicketApplication.class)
class TicketApplicationTest {

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    TestCassandra.register(registry);
  }

  @Autowired TicketRepository tickets;
  @Autowired TicketViewTable views;
  @Autowired ProjectionRunner projections;
  @Autowired SagaRunner sagas;
  @Autowired EsHealthIndicator health;
  @Autowired EsEndpoint endpoint;

  @Test
  void savesLoadsProjectsAndRunsTheSaga() {
    UUID printer = UUID.randomUUID();
    tickets.save(Ticket.open(printer, "printer on fire"));
    assertThat(tickets.load(printer).title()).isEqualTo("printer on fire");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(views.find(printer)).contains(new TicketView(printer, "printer on fire", null)));

    UUID duplicate = UUID.randomUUID();
    tickets.save(Ticket.open(duplicate, "duplicate of the printer"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(tickets.load(duplicate).closed()).isTrue();
      assertThat(views.find(duplicate)).contains(new TicketView(duplicate, "duplicate of the printer", "duplicate"));
    });
    assertThat(tickets.load(printer).closed()).isFalse();

    UUID poisoned = UUID.randomUUID();
    tickets.save(Ticket.open(poisoned, "poison"));

    assertThat(projections.names()).containsExactly("ticket-views");
    assertThat(sagas.names()).containsExactly("auto-closer");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      EsMonitor.Report report = endpoint.report();
      assertThat(report.projections()).singleElement().satisfies(p -> {
        assertThat(p.name()).isEqualTo("ticket-views");
        assertThat(p.state()).isEqualTo("RUNNING");
        assertThat(p.lagEvents()).isZero();
        assertThat(p.shards()).singleElement().satisfies(s -> assertThat(s.ownedHere()).isNotEmpty());
      });
      assertThat(report.sagas()).singleElement().satisfies(s -> {
        assertThat(s.name()).isEqualTo("auto-closer");
        assertThat(s.parked()).as("the parked instance, with its error").singleElement().satisfies(error ->
            assertThat(error).contains("auto-closer", "TicketOpened", "ticket " + poisoned + " is poisoned"));
      });
      assertThat(report.publishers()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo("RUNNING"));
    });
  }
}
