package dev.es.runtime.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.ExpectedVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each operation is timed once whichever registries are given, with one set of tag keys per meter name (a
 * Prometheus registry refuses a second set under one name).
 */
class InstrumentationTest {

  @Test
  void withMetersAloneEachOperationIsTimedOnceWithOutcomeAndError() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    appendTwiceAndConflictOnce(Instrumentation.of(meters, null));

    assertThat(meters.get("es.append").tags("aggregate.type", "Order", "outcome", "ok", "error", "none").timer()
        .count()).isEqualTo(2);
    assertThat(meters.get("es.append")
        .tags("aggregate.type", "Order", "outcome", "conflict", "error", "ConcurrencyConflictException").timer()
        .count()).isEqualTo(1);
    assertThat(meters.get("es.events.appended").tag("aggregate.type", "Order").counter().count()).isEqualTo(6);
    assertThat(tagKeysByName(meters).get("es.append")).containsExactly(Set.of("aggregate.type", "outcome", "error"));
  }

  @Test
  void withAnObservationRegistryTheObservationsMeterHandlerTimesEachOperationAndTheRuntimeDoesNotTimeItAgain() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    appendTwiceAndConflictOnce(Instrumentation.of(meters, observations));

    // one timer per outcome: the handler's; a second one recorded by the runtime would double the counts
    assertThat(meters.get("es.append").tags("aggregate.type", "Order", "outcome", "ok").timers())
        .singleElement().satisfies(timer -> assertThat(timer.count()).isEqualTo(2));
    assertThat(meters.get("es.append").tags("aggregate.type", "Order", "outcome", "conflict").timers())
        .singleElement().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
    assertThat(meters.get("es.events.appended").tag("aggregate.type", "Order").counter().count()).isEqualTo(6);
    // the same tag keys as without observations: a dashboard works with either configuration
    assertThat(tagKeysByName(meters).get("es.append")).containsExactly(Set.of("aggregate.type", "outcome", "error"));
  }

  private static void appendTwiceAndConflictOnce(Instrumentation instrumentation) {
    for (int i = 0; i < 2; i++) {
      instrumentation.append("Order", 3).end(Operation.OK, null);
    }
    instrumentation.append("Order", 1).end(Operation.CONFLICT,
        new ConcurrencyConflictException(UUID.randomUUID(), ExpectedVersion.exactly(1), 2));
  }

  private static Map<String, Set<Set<String>>> tagKeysByName(MeterRegistry meters) {
    return meters.getMeters().stream().collect(Collectors.groupingBy(meter -> meter.getId().getName(),
        Collectors.mapping(meter -> meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()),
            Collectors.toSet())));
  }
}
