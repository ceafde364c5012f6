package dev.es.runtime.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime's metrics and observations, one small call per operation. Built from the registries given to
 * {@code EventStoreOptions}; {@link #NONE} (no registry) hands out a shared {@link Operation#NONE} that does
 * nothing, so an uninstrumented append or handler costs one field read and a virtual call.
 *
 * <p>Meters, named by Micrometer's conventions (see {@code docs/spring-boot.md} for the table): {@code es.append}
 * (timer; {@code aggregate.type}, {@code outcome} ok|conflict|unknown|error), {@code es.events.appended},
 * {@code es.update.retries}, {@code es.load} and {@code es.load.events}, {@code es.snapshots.written},
 * {@code es.projection.handle} (timer; {@code projection}, {@code outcome} ok|failed), {@code es.saga.handle},
 * {@code es.saga.instances.started|ended|parked}, {@code es.saga.deadlines.fired}; the gauges of
 * {@link ProjectionGauges} and {@link FeedGauges}.
 *
 * <p>Observations: {@code es.append} (its trace context is written into each appended event's metadata, as the
 * tracer's propagation headers), {@code es.load}, {@code es.projection.handle} and {@code es.saga.handle} (continuing
 * the trace found in the event's metadata).
 */
public final class Instrumentation {

  /** Nothing measured, nothing observed. */
  public static final Instrumentation NONE = new Instrumentation(null, null);

  private final MeterRegistry meters;
  private final ObservationRegistry observations;

  private Instrumentation(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = meters;
    this.observations = observations;
  }

  /**
   * Instrumentation reporting to the given registries, either of which may be null; {@link #NONE} if both are
   * null (or the observation registry is the no-op one).
   */
  public static Instrumentation of(MeterRegistry meters, ObservationRegistry observations) {
    ObservationRegistry observing = observations == null || observations.isNoop() ? null : observations;
    return meters == null && observing == null ? NONE : new Instrumentation(meters, observing);
  }

  /** The meter registry, or null. */
  public MeterRegistry meters() {
    return meters;
  }

  /** Whether anything is measured or observed. */
  public boolean enabled() {
    return this != NONE;
  }

  /**
   * An append of {@code events} events to an aggregate of {@code aggregateType} starts: its observation is open
   * (in scope) until the operation ends, and {@link Operation#propagation()} holds its trace context to store with
   * the events.
   */
  public Operation append(String aggregateType, int events) {
    if (this == NONE) {
      return Operation.NONE;
    }
    Observation observation = null;
    Map<String, String> carrier = new LinkedHashMap<>();
    if (observations != null) {
      SenderContext<Map<String, String>> context = new SenderContext<>((map, key, value) -> map.put(key, value));
      context.setCarrier(carrier);
      observation = Observation.createNotStarted("es.append", () -> context, observations)
          .contextualName("append " + aggregateType)
          .lowCardinalityKeyValues(KeyValues.of("aggregate.type", aggregateType));
    }
    Tags tags = Tags.of("aggregate.type", aggregateType);
    return new Operation(this, "es.append", tags, observation, carrier) {
      @Override
      void ended(String outcome) {
        if (outcome.equals(OK)) {
          Counter.builder("es.events.appended").description("Events appended to the event store").tags(tags)
              .register(meters).increment(events);
        }
      }
    };
  }

  /** A load of an aggregate of {@code aggregateType} starts; {@link Operation#read()} counts each event replayed. */
  public Operation load(String aggregateType) {
    if (this == NONE) {
      return Operation.NONE;
    }
    Observation observation = observations == null ? null
        : Observation.createNotStarted("es.load", observations).contextualName("load " + aggregateType)
            .lowCardinalityKeyValues(KeyValues.of("aggregate.type", aggregateType));
    Tags tags = Tags.of("aggregate.type", aggregateType);
    return new Operation(this, "es.load", tags, observation, Map.of()) {
      @Override
      void ended(String outcome) {
        DistributionSummary.builder("es.load.events").description("Events replayed per aggregate load").tags(tags)
            .register(meters).record(eventsRead());
      }
    };
  }

  /** {@code update} of an aggregate of {@code aggregateType} met a concurrency conflict and runs again. */
  public void updateRetried(String aggregateType) {
    if (meters != null) {
      Counter.builder("es.update.retries").description("Runs of update again after a concurrency conflict")
          .tag("aggregate.type", aggregateType).register(meters).increment();
    }
  }

  /** A snapshot of an aggregate of {@code aggregateType} was written. */
  public void snapshotWritten(String aggregateType) {
    if (meters != null) {
      Counter.builder("es.snapshots.written").description("Snapshots written").tag("aggregate.type", aggregateType)
          .register(meters).increment();
    }
  }

  /**
   * A projection's handler starts on an event whose metadata is {@code metadata}: its observation continues the
   * trace stored there (by the append that stored the event).
   */
  public Operation projectionHandler(String projection, String eventType, Map<String, String> metadata) {
    return handler("es.projection.handle", "projection", projection, eventType, metadata);
  }

  /** A saga's handler starts on an event or deadline; {@code metadata} is its cause's. */
  public Operation sagaHandler(String saga, String cause, Map<String, String> metadata) {
    return handler("es.saga.handle", "saga", saga, cause, metadata);
  }

  /** A saga instance's step was stored: it started, ended or was parked with it. */
  public void sagaStepStored(String saga, boolean started, boolean ended, boolean parked) {
    if (meters == null) {
      return;
    }
    if (started) {
      sagaInstances("started", saga);
    }
    if (ended) {
      sagaInstances("ended", saga);
    }
    if (parked) {
      sagaInstances("parked", saga);
    }
  }

  /** A saga's deadline fired (its handler is about to run). */
  public void deadlineFired(String saga) {
    if (meters != null) {
      Counter.builder("es.saga.deadlines.fired").description("Saga deadlines fired").tag("saga", saga)
          .register(meters).increment();
    }
  }

  private void sagaInstances(String what, String saga) {
    Counter.builder("es.saga.instances." + what).description("Saga instances " + what).tag("saga", saga)
        .register(meters).increment();
  }

  private Operation handler(String name, String key, String value, String eventType, Map<String, String> metadata) {
    if (this == NONE) {
      return Operation.NONE;
    }
    Observation observation = null;
    if (observations != null) {
      ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
      context.setCarrier(metadata);
      observation = Observation.createNotStarted(name, () -> context, observations)
          .contextualName(value + " " + eventType)
          .lowCardinalityKeyValues(KeyValues.of(key, value))
          .highCardinalityKeyValues(KeyValues.of("event.type", eventType));
    }
    return new Operation(this, name, Tags.of(key, value), observation, Map.of());
  }

  Timer timer(String name, Tags tags, String outcome) {
    return Timer.builder(name).tags(tags).tag("outcome", outcome).register(meters);
  }
}
