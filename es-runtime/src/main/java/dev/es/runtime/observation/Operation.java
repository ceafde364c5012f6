package dev.es.runtime.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import java.util.Map;

/**
 * One measured and observed operation (an append, a load, a handler), from {@link Instrumentation}: started when
 * made, its observation open in scope on the starting thread; {@link #end} records its outcome. An asynchronous
 * operation closes its scope on the starting thread ({@link #closeScope}) and {@link #stop}s where it completes.
 */
public class Operation {

  /** Succeeded. */
  public static final String OK = "ok";
  /** An append met another writer's events: a concurrency conflict. */
  public static final String CONFLICT = "conflict";
  /** An append whose outcome could not be settled after a timeout. */
  public static final String UNKNOWN = "unknown";
  /** Any other failure of a store operation. */
  public static final String ERROR = "error";
  /** A handler failed (it will be retried, or its event parked, or its projection stopped). */
  public static final String FAILED = "failed";

  // the outcomes of nearly every call, built once
  private static final KeyValue OK_KEY_VALUE = KeyValue.of("outcome", OK);
  private static final KeyValue CONFLICT_KEY_VALUE = KeyValue.of("outcome", CONFLICT);
  private static final KeyValue FAILED_KEY_VALUE = KeyValue.of("outcome", FAILED);

  /** The operation of {@link Instrumentation#NONE}: records nothing. */
  static final Operation NONE = new Operation(null, null, null, null, null, Map.of());

  private final Instrumentation instrumentation;
  private final String name;
  private final String tagKey;
  private final String tagValue;
  private final Observation observation;
  private final Map<String, String> propagation;
  private final long startNanos;
  private Observation.Scope scope;
  private int eventsRead;

  Operation(Instrumentation instrumentation, String name, String tagKey, String tagValue, Observation observation,
      Map<String, String> propagation) {
    this.instrumentation = instrumentation;
    this.name = name;
    this.tagKey = tagKey;
    this.tagValue = tagValue;
    this.observation = observation;
    this.propagation = propagation;
    if (observation != null) {
      startNanos = 0;
      observation.start();
      scope = observation.openScope();
    } else {
      startNanos = instrumentation == null ? 0 : System.nanoTime();
    }
  }

  /** The trace context to carry with what the operation writes (the headers a tracer injected); may be empty. */
  public Map<String, String> propagation() {
    return propagation;
  }

  /** One more event read (a load replays it). */
  public void read() {
    if (instrumentation != null) {
      eventsRead++;
    }
  }

  int eventsRead() {
    return eventsRead;
  }

  /** Ends a synchronous operation on its starting thread: closes the scope, records the outcome. */
  public void end(String outcome, Throwable error) {
    closeScope();
    stop(outcome, error);
  }

  /** Closes the observation's scope; on the thread that started the operation. */
  public void closeScope() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  /**
   * Records the outcome, on any thread, once the scope is closed. An observation's meter handler times it;
   * without an observation the time goes to the meter registry directly.
   */
  public void stop(String outcome, Throwable error) {
    if (instrumentation == null) {
      return;
    }
    if (observation != null) {
      if (error != null) {
        observation.error(error);
      }
      observation.lowCardinalityKeyValue(outcomeKeyValue(outcome));
      observation.stop();
    } else {
      instrumentation.recordTime(name, tagKey, tagValue, outcome, error, System.nanoTime() - startNanos);
    }
    if (instrumentation.measures()) {
      ended(outcome);
    }
  }

  private static KeyValue outcomeKeyValue(String outcome) {
    return switch (outcome) {
      case OK -> OK_KEY_VALUE;
      case CONFLICT -> CONFLICT_KEY_VALUE;
      case FAILED -> FAILED_KEY_VALUE;
      default -> KeyValue.of("outcome", outcome);
    };
  }

  /** What else is recorded when the operation ended, with meters; nothing by default. */
  void ended(String outcome) {}
}
