package dev.es.runtime.observation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The runtime's meters, registered once per name and tag values and then looked up: registering with the builder
 * on every call builds an id and searches the registry, microseconds per append at the rates an event store sees.
 */
final class MeterCache {

  /** A meter's name and tag values; the tag keys follow from the name. */
  private record Key(String name, String subject, String outcome, String error) {}

  private final MeterRegistry registry;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final Map<Key, DistributionSummary> summaries = new ConcurrentHashMap<>();

  MeterCache(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  Counter counter(String name, String description, String tagKey, String tagValue) {
    return lookUp(counters, new Key(name, tagValue, null, null),
        key -> Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry));
  }

  DistributionSummary summary(String name, String description, String tagKey, String tagValue) {
    return lookUp(summaries, new Key(name, tagValue, null, null),
        key -> DistributionSummary.builder(name).description(description).tag(tagKey, tagValue).register(registry));
  }

  /**
   * A timer with the tags an observation of the same name would give it through Micrometer's
   * {@code DefaultMeterObservationHandler} ({@code outcome} and {@code error} besides the subject), so the meter
   * has one set of tag keys whichever way it is made (Prometheus refuses two sets under one name).
   */
  Timer timer(String name, String tagKey, String tagValue, String outcome, String error) {
    return lookUp(timers, new Key(name, tagValue, outcome, error),
        key -> Timer.builder(name).tag(tagKey, tagValue).tag("outcome", outcome).tag("error", error)
            .register(registry));
  }

  private static <M> M lookUp(Map<Key, M> meters, Key key, Function<Key, M> register) {
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, register);
  }
}
