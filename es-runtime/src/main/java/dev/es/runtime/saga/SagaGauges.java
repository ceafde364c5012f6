package dev.es.runtime.saga;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of a runner's sagas: per saga, the deadlines due and not fired yet ({@code es.saga.deadlines.due}),
 * read from Cassandra, so every process shows them, not only the one whose firer holds the saga's deadline lease.
 * What is read is kept for a second, whatever the number of gauges scraped.
 */
final class SagaGauges {

  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Due deadlines are counted up to this many per saga. */
  static final int DUE_COUNTED = 1_000;

  private final SagaRunner runner;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Map<String, Integer> due = new HashMap<>();
  private long readAt;

  SagaGauges(SagaRunner runner, List<String> sagas, MeterRegistry registry) {
    this.runner = runner;
    this.registry = registry;
    for (String saga : sagas) {
      meters.add(Gauge.builder("es.saga.deadlines.due", () -> due(saga))
          .description("Deadlines of the saga that are due and not fired yet").tag("saga", saga).register(registry));
    }
  }

  /** Removes the gauges from the registry (the runner closed). */
  void remove() {
    meters.forEach(registry::remove);
  }

  private synchronized int due(String saga) {
    long now = System.nanoTime();
    if (due.isEmpty() || now - readAt >= FRESH_NANOS) {
      for (String name : runner.names()) {
        due.put(name, runner.dueDeadlines(name, DUE_COUNTED));
      }
      readAt = now;
    }
    return due.getOrDefault(saga, 0);
  }
}
