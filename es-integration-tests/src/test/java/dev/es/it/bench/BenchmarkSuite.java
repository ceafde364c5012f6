package dev.es.it.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.it.examples.bench.EcommerceBenchmark;
import dev.es.it.feed.bench.FeedBenchmark;
import dev.es.it.feed.bench.FeedCostBenchmark;
import dev.es.it.store.bench.AppendBenchmark;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark suite with short settings, in one process: compile time, dispatch (JMH, in a child JVM), append,
 * load, feed, read-side cost, the e-commerce example's read side and memory against one Cassandra (embedded
 * unless {@code ES_CASSANDRA_CONTACT_POINTS} is set), then one table of every figure with its baseline and the
 * ratio. Each benchmark's own main runs it longer; the short
 * settings here trade precision for a run of a few minutes. Not a test: run it by hand (see docs/benchmarks.md,
 * "The suite").
 */
public final class BenchmarkSuite {

  private static final long START = System.nanoTime();

  private static final int APPEND_SECONDS = 4;
  private static final int APPEND_ROUNDS = 3;
  private static final int APPEND_WARM_UP_SECONDS = 2;
  private static final int LOAD_MS_PER_CASE = 100;
  private static final int LOAD_ROUNDS = 11;

  /** One line of the table. */
  private record Row(String figure, String value, String baseline, String ratio, String target) {}

  private BenchmarkSuite() {}

  public static void main(String[] args) throws Exception {
    List<Row> rows = new ArrayList<>();
    String loadAtStart = loadAverage();

    section("processor compile time (3 rotating rounds per side after 3 warm-up rounds)");
    CompileBenchmark.Result compile = CompileBenchmark.run(3, 200, 10);
    rows.add(new Row("javac 200 aggregates × 10 events, with the es processor",
        ms(compile.processorMs()), ms(compile.procNoneMs()) + " (-proc:none)",
        String.format("%.2f× (CPU %.2f×)", compile.medianRatio(), compile.medianCpuRatio()), "≤ 1.25×"));

    section("dispatch (JMH, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement)");
    Map<String, Double> dispatch = dispatch();
    double generated = dispatch.get("generated");
    rows.add(new Row("dispatch: generated, ns/event", ns(generated),
        ns(dispatch.get("handWritten")) + " (hand-written)",
        String.format("%.2f×", generated / dispatch.get("handWritten")), "≤ 1.2×"));
    rows.add(new Row("dispatch: Method.invoke, ns/event", ns(dispatch.get("methodInvoke")),
        ns(generated) + " (generated)", String.format("%.1f× slower", dispatch.get("methodInvoke") / generated),
        "≥ 5×"));
    rows.add(new Row("dispatch: MethodHandle (Axon's way), ns/event", ns(dispatch.get("methodHandle")),
        ns(generated) + " (generated)", String.format("%.1f× slower", dispatch.get("methodHandle") / generated),
        "—"));

    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description() + ", paxos_variant "
          + System.getProperty("es.cassandra.paxos", "v1 (testkit default)") + " if embedded");

      section(String.format("append (per variant %d s warm-up per appender, then %d rounds of %d s per appender)",
          APPEND_WARM_UP_SECONDS, APPEND_ROUNDS, APPEND_SECONDS));
      List<AppendBenchmark.Result> appends =
          AppendBenchmark.run(session, APPEND_SECONDS, APPEND_ROUNDS, APPEND_WARM_UP_SECONDS);
      for (AppendBenchmark.Result append : appends) {
        AppendBenchmark.ModeResult conditional = append.mode(AppendBenchmark.CONDITIONAL);
        for (AppendBenchmark.ModeResult mode : append.modes()) {
          if (mode.mode().equals(AppendBenchmark.CONDITIONAL)) {
            rows.add(new Row("append: generated repository, events/s (" + append.variant() + ")",
                saves(mode.figure()), saves(append.raw()) + " (raw driver, same batches)",
                String.format("%.0f %%", 100 * mode.vsRaw()), "≥ 90 %"));
          } else {
            rows.add(new Row("append: " + mode.mode().name() + ", events/s (" + append.variant() + ")",
                saves(mode.figure()), saves(conditional.figure()) + " (conditional)",
                String.format("%.0f %%", 100 * mode.vsConditional()), "—"));
          }
        }
      }
      double appendRate = appends.stream().filter(a -> a.variant().equals(new AppendBenchmark.Variant(10, 32)))
          .findFirst().orElseThrow().mode(AppendBenchmark.CONDITIONAL).figure().eventsPerSecond();

      section(String.format("load (%s events, with and without snapshots; %d rounds of %d ms per case)",
          LoadBenchmark.LENGTHS, LOAD_ROUNDS, LOAD_MS_PER_CASE));
      List<LoadBenchmark.Result> loads = LoadBenchmark.run(session, LOAD_MS_PER_CASE, LOAD_ROUNDS);
      for (LoadBenchmark.Result load : loads) {
        rows.add(new Row(String.format("load %,d events, no snapshots: generated repository, ms", load.events()),
            String.format("%.2f", load.repositoryMs()),
            String.format("%.2f (raw driver, 3 columns + Jackson)", load.rawMs()),
            String.format("%.2f× (%.2f× vs the same 10 columns)", load.vsRaw(), load.vsSameColumns()), "≤ 1.3×"));
      }
      LoadBenchmark.Result snapshotBaseline = loads.stream()
          .filter(l -> l.events() == LoadBenchmark.SNAPSHOT_BASELINE).findFirst().orElseThrow();
      for (LoadBenchmark.Result load : loads) {
        if (load != snapshotBaseline) {
          rows.add(new Row(String.format("load %,d events, snapshotEvery = 100: generated repository, ms",
              load.events()), String.format("%.2f", load.snapshottedMs()),
              String.format("%.2f (the same, %,d events)", snapshotBaseline.snapshottedMs(),
                  snapshotBaseline.events()),
              String.format("%.2f×", load.snapshottedVsBaseline()), load.events() == 10_000 ? "≤ 1.5×" : "—"));
        }
      }

      section("feed (4,000 events, 200 delay samples)");
      FeedBenchmark.Result feed = FeedBenchmark.run(session, 4_000, 200); // a multiple of 200 streams × 10 events
      rows.add(new Row("feed: catch-up projection, events/s", String.format("%,.0f", feed.catchUpPerSecond()),
          String.format("%,.0f (raw partition reads + decoding)", feed.rawReadPerSecond()),
          String.format("%.2f×", feed.catchUpPerSecond() / feed.rawReadPerSecond()), "—"));
      rows.add(new Row("feed: publishing, events/s", String.format("%,.0f", feed.publishPerSecond()),
          rate(appendRate) + " (append, 10 events per save, 32 in flight)",
          String.format("%.2f×", feed.publishPerSecond() / appendRate), "—"));
      rows.add(new Row("feed: append → inline projection p50 / p99 ms",
          String.format("%.1f / %.1f", feed.inlineP50Ms(), feed.inlineP99Ms()), "—", "—", "—"));
      rows.add(new Row("feed: append → catch-up projection p50 / p99 ms",
          String.format("%.1f / %.1f", feed.catchUpP50Ms(), feed.catchUpP99Ms()), "—", "—", "—"));

      section("read-side cost (2,000 events per workload)");
      for (FeedCostBenchmark.Result cost : FeedCostBenchmark.run(cluster, 2_000)) {
        String workload = cost.eventsPerAppend() == 1 ? "1-event appends" : cost.eventsPerAppend() + "-event appends";
        for (String part : List.of("publish-live", "consume", "handler")) {
          FeedCostBenchmark.Part p = cost.part(part);
          rows.add(new Row("read-side cost per 1,000 events, " + part + " (" + workload
                  + "): statements / LWT / node CPU ms",
              String.format("%.0f / %.0f / %s", p.statementsPer1k(), p.conditionalPer1k(),
                  p.cpuMillis() < 0 ? "n/a" : String.format("%.0f", p.cpuMillisPer1k())),
              "—", "—", "—"));
        }
        rows.add(new Row("publishing vs appending (" + workload + "): backlog alone / while appending",
            String.format("%,.0f / %,.0f events/s", cost.part("publish-backlog").perSecond(),
                cost.part("publish-live").perSecond()),
            String.format("%,.0f / %,.0f events/s (append)", cost.part("append").perSecond(),
                cost.part("append-live").perSecond()),
            String.format("%.2f× / %.2f×", cost.backlogVsAppend(), cost.liveVsAppend()),
            cost.eventsPerAppend() == 1 ? "≥ 1×" : "within reach of 1×"));
      }

      section("the e-commerce example's read side (" + EcommerceBenchmark.Settings.QUICK + ")");
      EcommerceBenchmark.Result example = EcommerceBenchmark.run(cluster, session, EcommerceBenchmark.Settings.QUICK);
      rows.add(new Row("example: commands/s, the saga running", rate(example.commandsPerSecond()),
          "529–606 (before: the saga stopped)", "—", "≥ 529"));
      rows.add(new Row("example: order projection / saga caught up after the last command, s",
          String.format("%.1f / %.1f", example.projectionCaughtUpSeconds(), example.sagaCaughtUpSeconds()),
          "39.3 (before, the saga stopped)", "—", "≤ 2"));
      rows.add(new Row("example: OrderProjector events/s, concurrency " + ProjectionOptions.DEFAULT_CONCURRENCY,
          rate(example.concurrentPerSecond()), rate(example.serialPerSecond()) + " (concurrency 1)",
          String.format("%.1f×", example.concurrentPerSecond() / example.serialPerSecond()), "—"));
      rows.add(new Row(String.format("example: lag append → order projection at %,.0f commands/s, p50 / p99 ms",
              example.targetCommandsPerSecond()),
          String.format("%.0f / %.0f", example.lagP50Ms(), example.lagP99Ms()),
          String.format("%,.0f commands/s achieved", example.sustainedCommandsPerSecond()), "—", "p99 < 1,000"));
      rows.add(new Row("example: of that lag, append → published / published → handled, p99 ms",
          String.format("%.0f / %.0f", example.publishedP99Ms(), example.handledP99Ms()),
          String.format("p50 %.0f / %.0f", example.publishedP50Ms(), example.handledP50Ms()), "—", "—"));

      section("memory (child JVMs with -Xmx32m)");
      List<MemoryBenchmark.Result> memory = MemoryBenchmark.run(cluster, session, "32m", List.of(10_000, 100_000));
      MemoryBenchmark.Result small = find(memory, 10_000, "repository");
      MemoryBenchmark.Result large = find(memory, 100_000, "repository");
      rows.add(new Row("memory: live heap retained loading 100,000 events (repository, -Xmx32m)",
          mb(large.retainedBytes()) + ", " + large.outcome(), mb(small.retainedBytes()) + " (10,000 events)",
          String.format("%.2f×", (double) Math.max(1, large.retainedBytes()) / Math.max(1, small.retainedBytes())),
          "bounded (≪ 10×)"));
      MemoryBenchmark.Result control = find(memory, 100_000, "materialize");
      rows.add(new Row("memory: control, readStream().toList() of 100,000 events (-Xmx32m)",
          control.outcome().equals("ok") ? mb(control.retainedBytes()) : control.outcome(),
          mb(find(memory, 10_000, "materialize").retainedBytes()) + " (10,000 events)", "—", "fails or grows"));
    }

    System.out.printf("%n## Suite results (%s, load average at start %s, now %s, %.1f min)%n%n",
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), loadAtStart, loadAverage(),
        minutes());
    System.out.println("| figure | result | baseline | ratio | target |");
    System.out.println("| --- | ---: | ---: | ---: | --- |");
    for (Row row : rows) {
      System.out.printf("| %s | %s | %s | %s | %s |%n", row.figure(), row.value(), row.baseline(), row.ratio(),
          row.target());
    }
  }

  /** Runs DispatchBenchmark with short settings in a child JVM (JMH forks need a real class path). */
  private static Map<String, Double> dispatch() throws Exception {
    Path json = Files.createTempFile("es-dispatch", ".json");
    try {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process = new ProcessBuilder(java.toString(), "-cp", BenchClasspath.testClasspath(),
          "org.openjdk.jmh.Main", DispatchBenchmark.class.getName(), "-f", "1", "-wi", "2", "-w", "1s", "-i", "3",
          "-r", "1s", "-rf", "json", "-rff", json.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("JMH failed with exit code " + process.exitValue());
      }
      Map<String, Double> scores = new HashMap<>();
      for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
        String benchmark = result.get("benchmark").asText();
        scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
            result.get("primaryMetric").get("score").asDouble());
      }
      return scores;
    } finally {
      Files.deleteIfExists(json);
    }
  }

  /** The 1-, 5- and 15-minute load averages (Linux), or "n/a". */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }

  private static MemoryBenchmark.Result find(List<MemoryBenchmark.Result> results, int events, String mode) {
    return results.stream().filter(r -> r.events() == events && r.mode().equals(mode)).findFirst().orElseThrow();
  }

  /** Minutes since the suite started. */
  private static double minutes() {
    return (System.nanoTime() - START) / 60e9;
  }

  /** Starts a section of the output, with the time it starts at and the machine's load then. */
  private static void section(String name) {
    System.out.printf("%n=== %s (at %.1f min, load average %s)%n", name, minutes(), loadAverage());
  }

  private static String ms(double ms) {
    return String.format("%,.0f ms", ms);
  }

  private static String rate(double perSecond) {
    return String.format("%,.0f", perSecond);
  }

  /** An append rate, and how many saves failed if any did. */
  private static String saves(AppendBenchmark.Figure figure) {
    return rate(figure.eventsPerSecond())
        + (figure.failedSaves() > 0 ? String.format(" (%d failed saves)", figure.failedSaves()) : "");
  }

  private static String ns(double ns) {
    return String.format("%.2f", ns);
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
