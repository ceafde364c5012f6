package dev.es.it.store.bench;

import dev.es.runtime.observation.Instrumentation;
import dev.es.runtime.observation.Operation;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runtime's instrumentation adds to one append on the appending thread, without Cassandra: the operation
 * {@code CassandraEventStore.append} opens and ends, with nothing measured ({@link Instrumentation#NONE}), with a
 * meter registry, and with a meter registry and an observation registry whose meter handler times every observation
 * (what Spring Boot with Actuator configures). Measured in CPU time of the measuring thread, not wall time, so that
 * other processes on a shared machine do not count: the figure is what the instrumentation takes from the CPU an
 * append needs (hundreds of microseconds of client and node CPU, docs/benchmarks.md). Not a test: run it by hand.
 *
 * <p>Arguments: rounds (default 15; the first third are warm-up and not reported), operations per round and mode
 * (default 200,000). Prints each mode's median CPU nanoseconds per operation over the measured rounds.
 */
public final class InstrumentationBenchmark {

  private InstrumentationBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int operations = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Map<String, Instrumentation> modes = new LinkedHashMap<>();
    modes.put("nothing measured", Instrumentation.NONE);
    modes.put("metrics", Instrumentation.of(new SimpleMeterRegistry(), null));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    modes.put("metrics + observations", Instrumentation.of(meters, observations));

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int warmUp = rounds / 3;
    Map<String, double[]> nanosPerOperation = new LinkedHashMap<>();
    modes.keySet().forEach(mode -> nanosPerOperation.put(mode, new double[rounds - warmUp]));
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Instrumentation> mode : modes.entrySet()) {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < operations; i++) {
          append(mode.getValue());
        }
        if (round >= warmUp) {
          nanosPerOperation.get(mode.getKey())[round - warmUp] =
              (cpu.getCurrentThreadCpuTime() - start) / (double) operations;
        }
      }
    }
    System.out.printf("CPU ns per append's instrumentation, median of %d rounds of %,d operations:%n",
        rounds - warmUp, operations);
    nanosPerOperation.forEach((mode, figures) -> System.out.printf("  %-24s %8.0f%n", mode, median(figures)));
  }

  private static void append(Instrumentation instrumentation) {
    Operation operation = instrumentation.append("Cart", 1);
    operation.end(Operation.OK, null);
  }

  private static double median(double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
