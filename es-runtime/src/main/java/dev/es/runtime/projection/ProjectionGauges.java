package dev.es.runtime.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of a runner's projections: per projection and shard, the lag in events
 * ({@code es.projection.lag.events}) and in time ({@code es.projection.lag}, the age of the oldest unhandled
 * event); per projection, its parked events ({@code es.projection.parked}). Reading them reads Cassandra
 * ({@link ProjectionRunner#status}), so what is read is kept for a second, whatever the number of gauges scraped.
 */
final class ProjectionGauges {

  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Parked events are counted up to this many per projection. */
  static final int PARKED_COUNTED = 1_000;

  private final ProjectionRunner runner;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Map<String, ProjectionStatus> statuses = new HashMap<>();
  private final Map<String, Integer> parked = new HashMap<>();
  private long readAt;

  ProjectionGauges(ProjectionRunner runner, List<String> names, int shards, MeterRegistry registry) {
    this.runner = runner;
    this.registry = registry;
    for (String name : names) {
      meters.add(Gauge.builder("es.projection.parked", () -> parked(name))
          .description("Events the projection parked").tag("projection", name).register(registry));
      for (int shard = 0; shard < shards; shard++) {
        int s = shard;
        meters.add(Gauge.builder("es.projection.lag.events", () -> lag(name, s).events())
            .description("Events appended to the shard and not handled yet by the projection")
            .tag("projection", name).tag("shard", Integer.toString(shard)).register(registry));
        meters.add(TimeGauge.builder("es.projection.lag", () -> lag(name, s).oldestUnhandledAge().toMillis(),
                TimeUnit.MILLISECONDS)
            .description("Age of the oldest event of the shard the projection has not handled yet")
            .tag("projection", name).tag("shard", Integer.toString(shard)).register(registry));
      }
    }
  }

  /** Removes the gauges from the registry (the runner closed). */
  void remove() {
    meters.forEach(registry::remove);
  }

  private synchronized ShardLag lag(String name, int shard) {
    refresh();
    ProjectionStatus status = statuses.get(name);
    return status == null ? new ShardLag(shard, 0, 0, Duration.ZERO, 0) : status.shards().get(shard);
  }

  private synchronized int parked(String name) {
    refresh();
    return parked.getOrDefault(name, 0);
  }

  private void refresh() {
    long now = System.nanoTime();
    if (!statuses.isEmpty() && now - readAt < FRESH_NANOS) {
      return;
    }
    for (String name : runner.names()) {
      statuses.put(name, runner.status(name));
      parked.put(name, runner.parkedEvents().list(name, PARKED_COUNTED).size());
    }
    readAt = now;
  }
}
