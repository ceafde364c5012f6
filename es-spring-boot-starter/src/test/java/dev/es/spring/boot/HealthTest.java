package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketApplication;
import dev.es.spring.boot.app.TicketRepository;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A projector that fails makes health DOWN, naming the projection and the event; health is UP again once the
 * parked event is skipped and the stopped projection has retried it.
 */
@SpringBootTest(
    classes = {TicketApplication.class, FailingProjectors.Parking.class, FailingProjectors.Stopping.class},
    properties = {"es.projections.projection.parking.failure-policy=PARK"})
class HealthTest {

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    TestCassandra.register(registry);
  }

  @Autowired TicketRepository tickets;
  @Autowired ProjectionRunner projections;
  @Autowired EsHealthIndicator health;

  @Test
  @SuppressWarnings("unchecked")
  void failingProjectorsMakeHealthDownNamingProjectionAndEventUntilSkippedOrRetried() {
    await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
    FailingProjectors.FAILING.set(true);
    UUID poison = UUID.randomUUID();
    tickets.save(Ticket.open(poison, "poison"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      List<String> problems = (List<String>) down.getDetails().get("problems");
      assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("Projection 'parking' parked")
          .contains("event TicketOpened").contains("of aggregate " + poison + " version 1")
          .contains("cannot project a poison ticket"));
      assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("Projection 'stopping' stopped at")
          .contains("event TicketOpened").contains("of aggregate " + poison + " version 1")
          .contains("cannot project a poison ticket"));
    });

    ParkedEvent parked = projections.parkedEvents().list("parking", 10).get(0);
    assertThat(projections.parkedEvents().skip(parked)).isTrue();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat((List<String>) health.health().getDetails().get("problems"))
            .noneSatisfy(p -> assertThat(p).contains("'parking'")));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    FailingProjectors.FAILING.set(false);
    projections.start("stopping");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Health up = health.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).doesNotContainKey("problems");
    });
  }
}
