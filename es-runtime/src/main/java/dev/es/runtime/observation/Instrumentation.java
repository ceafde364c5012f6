package dev.es.runtime.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's metrics and observations, one small call per operation. Built from the registries given to
 * {@code EventStoreOptions}; {@link #NONE} (no registry) hands out a shared {@link Operation#NONE} that does
 * nothing, so an uninstrumented append or handler costs one field read and a virtual call.
 *
 * <p>Meters, named by Micrometer's conventions (see {@code docs/spring-boot.md} for the table): {@code es.append}
 * (timer; {@code aggregate.type}, {@code outcome} ok|conflict|unknown|error), {@code es.events.appended},
 * {@code es.update.retries}, {@code es.load} and {@code es.load.events}, {@code es.snapshots.written},
 * {@code es.projection.handle} (timer; {@code projection}, {@code outcome} ok|failed), {@code es.saga.handle},
 * {@code es.saga.instances.started|ended|parked}, {@code es.saga.deadlines.fired}, {@code es.feed.published}; the
 * gauges of {@code ProjectionGauges}, {@code SagaGauges} and {@link FeedGauges}. The timers ({@code es.append},
 * {@code es.load}, {@code es.projection.handle}, {@code es.saga.handle}) come from the observations when an observation registry is
 * given (its meter handler, as Spring Boot configures it, turns each observation into a timer of the same name and
 * tags), and are recorded here only without one: timing an operation twice under one name would cost twice and give
 * two sets of tag keys, which Prometheus refuses.
 *
 * <p>Observations: {@code es.append} (its trace context is written into each appended event's metadata, as the
 * tracer's propagation headers), {@code es.load}, {@code es.projection.handle} and {@code es.saga.handle} (continuing
 * the trace found in the event's metadata).
 */
public final class Instrumentation {

  /** Nothing measured, nothing observed. */
  public static final Instrumentation NONE = new Instrumentation(null, null);

  /**
   * What an append of one aggregate type reports to, resolved once per type, so that an append builds no name, key
   * values or meter key of its own.
   */
  private record AppendInstruments(String contextualName, KeyValues keyValues, Counter appended) {}

  /** The same for a load. */
  private record LoadInstruments(String contextualName, KeyValues keyValues, DistributionSummary eventsRead) {}

  private final MeterCache meters;
  private final ObservationRegistry observations;
  private final Map<String, AppendInstruments> appends = new ConcurrentHashMap<>();
  private final Map<String, LoadInstruments> loads = new ConcurrentHashMap<>();

  private Instrumentation(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = meters == null ? null : new MeterCache(meters);
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
    return meters == null ? null : meters.registry();
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
    AppendInstruments instruments = appends.computeIfAbsent(aggregateType, type -> new AppendInstruments(
        "append " + type, KeyValues.of("aggregate.type", type), meters == null ? null
            : meters.counter("es.events.appended", "Events appended to the event store", "aggregate.type", type)));
    Observation observation = null;
    Map<String, String> carrier = new LinkedHashMap<>();
    if (observations != null) {
      SenderContext<Map<String, String>> context = new SenderContext<>((map, key, value) -> map.put(key, value));
      context.setCarrier(carrier);
      observation = Observation.createNotStarted("es.append", () -> context, observations)
          .contextualName(instruments.contextualName()).lowCardinalityKeyValues(instruments.keyValues());
    }
    return new Operation(this, "es.append", "aggregate.type", aggregateType, observation, carrier) {
      @Override
      void ended(String outcome) {
        if (outcome.equals(OK)) {
          instruments.appended().increment(events);
        }
      }
    };
  }

  /** A load of an aggregate of {@code aggregateType} starts; {@link Operation#read()} counts each event replayed. */
  public Operation load(String aggregateType) {
    if (this == NONE) {
      return Operation.NONE;
    }
    LoadInstruments instruments = loads.computeIfAbsent(aggregateType, type -> new LoadInstruments(
        "load " + type, KeyValues.of("aggregate.type", type), meters == null ? null
            : meters.summary("es.load.events", "Events replayed per aggregate load", "aggregate.type", type)));
    Observation observation = observations == null ? null
        : Observation.createNotStarted("es.load", observations).contextualName(instruments.contextualName())
            .lowCardinalityKeyValues(instruments.keyValues());
    return new Operation(this, "es.load", "aggregate.type", aggregateType, observation, Map.of()) {
      @Override
      void ended(String outcome) {
        instruments.eventsRead().record(eventsRead());
      }
    };
  }

  /** {@code update} of an aggregate of {@code aggregateType} met a concurrency conflict and runs again. */
  public void updateRetried(String aggregateType) {
    if (meters != null) {
      meters.counter("es.update.retries", "Runs of update again after a concurrency conflict", "aggregate.type",
          aggregateType).increment();
    }
  }

  /** A snapshot of an aggregate of {@code aggregateType} was written. */
  public void snapshotWritten(String aggregateType) {
    if (meters != null) {
      meters.counter("es.snapshots.written", "Snapshots written", "aggregate.type", aggregateType).increment();
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

  /** The publisher of {@code shard} wrote a feed batch of {@code events} events. */
  public void published(int shard, int events) {
    if (meters != null) {
      meters.counter("es.feed.published", "Events published to the feed", "shard", Integer.toString(shard))
          .increment(events);
    }
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
      meters.counter("es.saga.deadlines.fired", "Saga deadlines fired", "saga", saga).increment();
    }
  }

  private void sagaInstances(String what, String saga) {
    meters.counter("es.saga.instances." + what, "Saga instances " + what, "saga", saga).increment();
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
    return new Operation(this, name, key, value, observation, Map.of());
  }

  /** Records the time of an operation that no observation timed; nothing without a meter registry. */
  void recordTime(String name, String tagKey, String tagValue, String outcome, Throwable error, long nanos) {
    if (meters != null) {
      String errorTag = error == null ? "none" : error.getClass().getSimpleName();
      meters.timer(name, tagKey, tagValue, outcome, errorTag).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Whether meters are recorded. */
  boolean measures() {
    return meters != null;
  }
}
