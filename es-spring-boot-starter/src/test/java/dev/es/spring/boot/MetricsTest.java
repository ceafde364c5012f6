package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketApplication;
import dev.es.spring.boot.app.TicketRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** After a known workload, the runtime's meters in the application's registry hold exactly what happened. */
@SpringBootTest(classes = TicketApplication.class, properties = "spring.application.name=metrics-test")
class MetricsTest {

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    TestCassandra.register(registry);
  }

  @Autowired MeterRegistry meters;
  @Autowired TicketRepository tickets;

  @Test
  void metersCountTheWorkload() {
    List<UUID> ids = new ArrayList<>();
    int sent = 0;
    for (int i = 0; i < 20; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      tickets.save(Ticket.open(id, "ticket " + i));
      sent++;
    }
    for (int i = 0; i < 5; i++) {
      tickets.update(ids.get(i), ticket -> ticket.close("done"));
      sent++;
    }
    // a forced conflict: while the outer update holds version 1, an inner update closes the ticket; the outer
    // save conflicts, runs again, finds it closed and appends nothing
    AtomicBoolean first = new AtomicBoolean(true);
    UUID contested = ids.get(10);
    tickets.update(contested, ticket -> {
      if (first.getAndSet(false)) {
        tickets.update(contested, inner -> inner.close("inner"));
      }
      ticket.close("outer");
    });
    sent++;

    assertThat(meters.get("es.events.appended").tag("aggregate.type", "Ticket").counter().count()).isEqualTo(sent);
    // one timer per append outcome, whether the observation's meter handler or the runtime made it: two under
    // one name would double the counts and differ in tag keys, which Prometheus refuses
    int appended = sent;
    assertThat(meters.get("es.append").tags("aggregate.type", "Ticket", "outcome", "ok").timers()).singleElement()
        .satisfies(timer -> assertThat(timer.count()).isEqualTo(appended));
    assertThat(meters.get("es.append").meters()).extracting(meter -> meter.getId().getTags().stream()
        .map(tag -> tag.getKey()).collect(Collectors.toSet())).containsOnly(Set.of("aggregate.type", "outcome", "error"));
    assertThat(meters.get("es.append").tags("aggregate.type", "Ticket", "outcome", "conflict").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("es.update.retries").tag("aggregate.type", "Ticket").counter().count()).isEqualTo(1);
    // loads: 5 updates, the inner one, and the outer one twice
    assertThat(meters.get("es.load").tags("aggregate.type", "Ticket", "outcome", "ok").timer().count())
        .isEqualTo(8);
    assertThat(meters.get("es.load.events").tag("aggregate.type", "Ticket").summary().totalAmount())
        .isEqualTo(5 + 1 + 1 + 2);

    int handled = sent;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(meters.get("es.projection.handle").tags("projection", "ticket-views", "outcome", "ok").timer()
          .count()).isEqualTo(handled);
      assertThat(meters.get("es.projection.lag.events").tags("projection", "ticket-views", "shard", "0").gauge()
          .value()).isZero();
      assertThat(meters.get("es.projection.lag").tags("projection", "ticket-views", "shard", "0").timeGauge()
          .value()).isZero();
      assertThat(meters.get("es.projection.parked").tag("projection", "ticket-views").gauge().value()).isZero();
      assertThat(meters.get("es.feed.backlog").tag("shard", "0").gauge().value()).isZero();
      assertThat(meters.get("es.feed.published").tag("shard", "0").counter().count()).isEqualTo(handled);
      assertThat(meters.get("es.saga.deadlines.due").tag("saga", "auto-closer").gauge().value()).isZero();
      assertThat(meters.get("es.saga.instances.started").tag("saga", "auto-closer").counter().count())
          .isEqualTo(20);
      assertThat(meters.get("es.saga.instances.ended").tag("saga", "auto-closer").counter().count()).isEqualTo(6);
      assertThat(meters.get("es.saga.handle").tags("saga", "auto-closer", "outcome", "ok").timer().count())
          .isEqualTo(handled);
    });
    assertThat(meters.find("es.projection.handle").tags("outcome", "failed").timer()).isNull();
  }
}
