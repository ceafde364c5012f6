package dev.es.it.store.bench;

import dev.es.runtime.observation.Instrumentation;
import dev.es.runtime.observation.Operation;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the runtime's instrumentation adds to one append on the appending thread, without Cassandra: the
 * operation {@code CassandraEventStore.append} opens and ends, with nothing measured ({@link Instrumentation#NONE}),
 * with a meter registry, and with a meter registry and an observation registry whose meter handler times every
 * observation (what Spring Boot with Actuator configures). The append itself costs the client tens of
 * microseconds and the node far more (docs/benchmarks.md, "Event store append"); this is the part that
 * instrumentation adds. Run it with the command in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class InstrumentationBenchmark {

  private Instrumentation none;
  private Instrumentation meters;
  private Instrumentation metersAndObservations;

  @Setup
  public void setUp() {
    none = Instrumentation.NONE;
    meters = Instrumentation.of(new SimpleMeterRegistry(), null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
    metersAndObservations = Instrumentation.of(registry, observations);
  }

  @Benchmark
  public Operation nothingMeasured() {
    return append(none);
  }

  @Benchmark
  public Operation metrics() {
    return append(meters);
  }

  @Benchmark
  public Operation metricsAndObservations() {
    return append(metersAndObservations);
  }

  private static Operation append(Instrumentation instrumentation) {
    Operation operation = instrumentation.append("Cart", 1);
    operation.end(Operation.OK, null);
    return operation;
  }
}
