package dev.es.it.bench;

import dev.es.runtime.spi.AggregateType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying one event to an aggregate with ten event types ({@link Meter}): the generated dispatcher
 * ({@code Meter_AggregateType.apply}, called through the {@link AggregateType} interface as the runtime does)
 * against {@code Method.invoke}, method handles (Axon's approach) and a hand-written instanceof chain. Each
 * invocation applies the same 1,000 events of all ten types in a seeded random order; scores are per event.
 * Run it with the command in docs/benchmarks.md ("Dispatch").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class DispatchBenchmark {

  static final int EVENTS = 1000;

  private MeterEvent[] events;
  private Meter meter;
  private AggregateType<Meter, MeterEvent> generated;
  private Dispatchers.Reflective reflective;
  private Dispatchers.Handles handles;

  @Setup
  public void setUp() {
    events = Dispatchers.stream(EVENTS, 42).toArray(MeterEvent[]::new);
    meter = Dispatchers.meter();
    generated = new Meter_AggregateType();
    reflective = new Dispatchers.Reflective(Meter.class, MeterEvent.class);
    handles = new Dispatchers.Handles(Meter.class, MeterEvent.class, Dispatchers.lookup());
    checkAllAgree();
  }

  /** Every dispatcher must reach the same state, or the comparison means nothing. */
  private void checkAllAgree() {
    List<Meter> meters = List.of(Dispatchers.meter(), Dispatchers.meter(), Dispatchers.meter(), Dispatchers.meter());
    for (MeterEvent event : events) {
      generated.apply(meters.get(0), event);
      reflective.apply(meters.get(1), event);
      handles.apply(meters.get(2), event);
      Dispatchers.handWritten(meters.get(3), event);
    }
    for (Meter other : meters) {
      if (!other.state().equals(meters.get(0).state())) {
        throw new IllegalStateException("dispatchers disagree: " + other.state() + " vs " + meters.get(0).state());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Meter generated() {
    Meter m = meter;
    for (MeterEvent event : events) {
      m = generated.apply(m, event);
    }
    return m;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Meter handWritten() {
    Meter m = meter;
    for (MeterEvent event : events) {
      m = Dispatchers.handWritten(m, event);
    }
    return m;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Object methodHandle() {
    Object m = meter;
    for (MeterEvent event : events) {
      m = handles.apply(m, event);
    }
    return m;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Object methodInvoke() {
    Object m = meter;
    for (MeterEvent event : events) {
      m = reflective.apply(m, event);
    }
    return m;
  }
}
