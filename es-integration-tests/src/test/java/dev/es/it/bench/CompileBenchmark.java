package dev.es.it.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The annotation processor's share of compile time: 200 generated aggregates (10 event records each, as a sealed
 * interface, and an {@code @EventSourced} class with ten {@code @Apply} methods; no code uses the generated
 * classes) compiled in this JVM with {@code javax.tools.JavaCompiler}, with the es processor on the processor
 * path and with {@code -proc:none}, in rotating order, after warm-up rounds of each. Two more sides break the cost
 * down: {@code -proc:none} on the sources plus the ones the processor generated (compiling the generated code),
 * and the {@link FloorProcessor}, which writes as many empty classes as the processor writes sources (what javac
 * charges any processor that generates that many files). javac runs in the calling thread, so besides the wall
 * time the thread's CPU time is measured, which other load on the machine disturbs less. Not a test: run it by
 * hand (see docs/benchmarks.md, "Compile time with the processor").
 *
 * <p>Arguments: measured rounds per side (default 7), aggregates (default 200), events per aggregate (default 10).
 * The processor path is {@code es-processor/target/classes} (or its jar in the local Maven repository) plus
 * javapoet and es-annotations; {@code -Des.bench.processorpath=...} overrides it.
 */
public final class CompileBenchmark {

  /**
   * The figures of one run.
   *
   * @param procNoneMs median wall ms with {@code -proc:none}
   * @param processorMs median wall ms with the processor
   * @param medianRatio median of the per-round processor / proc:none wall-time ratios
   * @param medianCpuRatio the same for the compiling thread's CPU time
   */
  public record Result(double procNoneMs, double processorMs, double medianRatio, double medianCpuRatio) {}

  /** One way of compiling. */
  private record Side(String name, List<Path> sources, List<String> options) {}

  private CompileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int aggregates = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    run(rounds, aggregates, events);
  }

  public static Result run(int rounds, int aggregates, int events) throws Exception {
    Path dir = Files.createTempDirectory("es-compile-bench");
    try {
      List<Path> sources = generate(dir.resolve("src"), aggregates, events);
      String classpath = BenchClasspath.testClasspath();
      String processorPath = processorPath();
      System.out.println("processor path: " + processorPath);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> common = List.of("-classpath", classpath, "--release", "17", "-nowarn", "-implicit:none");
      List<String> none = new ArrayList<>(common);
      none.add("-proc:none");
      List<String> withProcessor = new ArrayList<>(common);
      withProcessor.addAll(List.of("-processorpath", processorPath));

      compile(javac, sources, withProcessor, dir.resolve("check"));
      int generated = countGenerated(dir.resolve("check/generated"));
      System.out.printf("%d source files (%d aggregates × (1 aggregate + 1 event interface)); the processor"
          + " generated %d source files%n", sources.size(), aggregates, generated);
      if (generated < aggregates) {
        throw new IllegalStateException("the processor did not run: " + generated + " generated sources");
      }
      // The third side separates compiling the generated code from the processor's own work: -proc:none on the
      // same sources plus the sources the processor generated.
      List<Path> withGenerated = new ArrayList<>(sources);
      try (Stream<Path> walk = Files.walk(dir.resolve("check/generated"))) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(withGenerated::add);
      }
      List<String> floor = new ArrayList<>(common);
      floor.addAll(List.of("-processorpath", classpath, "-processor", FloorProcessor.class.getName(),
          "-A" + FloorProcessor.PER_TYPE + "=" + generated / aggregates));
      List<Side> sides = List.of(new Side("-proc:none", sources, none),
          new Side("es processor", sources, withProcessor),
          new Side("-proc:none + the generated sources", withGenerated, none),
          new Side("floor: a processor writing " + generated / aggregates * aggregates + " empty classes", sources,
              floor));
      for (int i = 0; i < 3; i++) { // warm-up: javac's own classes get JIT-compiled
        for (Side side : sides) {
          compile(javac, side.sources(), side.options(), dir.resolve("warm-" + i));
        }
      }
      int n = sides.size();
      double[][] wall = new double[n][rounds];
      double[][] cpu = new double[n][rounds];
      for (int r = 0; r < rounds; r++) {
        StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
        for (int k = 0; k < n; k++) {
          int s = (k + r) % n; // rotate the order
          double[] t = compile(javac, sides.get(s).sources(), sides.get(s).options(), dir.resolve("r" + r + "-" + s));
          wall[s][r] = t[0];
          cpu[s][r] = t[1];
        }
        for (int s = 0; s < n; s++) {
          line.append(String.format(" %s %.0f ms (cpu %.0f);", sides.get(s).name(), wall[s][r], cpu[s][r]));
        }
        System.out.println(line);
      }
      double[] ratios = new double[rounds];
      double[] cpuRatios = new double[rounds];
      double[] generatedCpuRatios = new double[rounds];
      double[] floorCpuRatios = new double[rounds];
      double[] overFloorCpuRatios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = wall[1][r] / wall[0][r];
        cpuRatios[r] = cpu[1][r] / cpu[0][r];
        generatedCpuRatios[r] = cpu[2][r] / cpu[0][r];
        floorCpuRatios[r] = cpu[3][r] / cpu[0][r];
        overFloorCpuRatios[r] = cpu[1][r] / cpu[3][r];
      }
      Result result = new Result(median(wall[0]), median(wall[1]), median(ratios), median(cpuRatios));
      System.out.printf("%n%d aggregates × %d events (%d sources; the processor generates %d more), %d rounds per"
          + " side in rotating order after 3 warm-up rounds%n", aggregates, events, sources.size(), generated, rounds);
      System.out.println("| javac | wall ms (median) | compiling thread's CPU ms (median) | CPU vs -proc:none (median"
          + " of per-round ratios) | wall vs -proc:none |");
      System.out.println("| --- | ---: | ---: | ---: | ---: |");
      double[] cpuRatioOf = {1, median(cpuRatios), median(generatedCpuRatios), median(floorCpuRatios)};
      for (int s = 0; s < n; s++) {
        double[] wallRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          wallRatios[r] = wall[s][r] / wall[0][r];
        }
        System.out.printf("| %s | %.0f | %.0f | %.2f× | %.2f× |%n", sides.get(s).name(), median(wall[s]),
            median(cpu[s]), cpuRatioOf[s], median(wallRatios));
      }
      System.out.printf("processor overhead: %.0f %% (wall), %.0f %% (CPU), of which compiling the generated"
          + " sources %.0f %% (CPU); target ≤ 25 %%%n", 100 * (result.medianRatio() - 1),
          100 * (result.medianCpuRatio() - 1), 100 * (median(generatedCpuRatios) - 1));
      System.out.printf("floor (any processor writing as many files): %.0f %% (CPU); the es processor costs %.2f×"
          + " the floor's CPU time (median of per-round ratios)%n", 100 * (median(floorCpuRatios) - 1),
          median(overFloorCpuRatios));
      return result;
    } finally {
      delete(dir);
    }
  }

  /** Compiles into {@code out}; returns wall ms and the compiling thread's CPU ms. */
  private static double[] compile(JavaCompiler javac, List<Path> sources, List<String> options, Path out)
      throws IOException {
    Files.createDirectories(out);
    Path generatedSources = out.resolve("generated");
    Files.createDirectories(generatedSources);
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of("-d", out.toString(), "-s", generatedSources.toString()));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok = javac.getTask(null, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
      double wall = (System.nanoTime() - start) / 1e6;
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
      if (!ok) {
        throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
      }
      return new double[] {wall, cpuMs};
    } finally {
      if (!out.getFileName().toString().equals("check")) {
        delete(out);
      }
    }
  }

  private static int countGenerated(Path generated) throws IOException {
    try (Stream<Path> walk = Files.walk(generated)) {
      return (int) walk.filter(p -> p.toString().endsWith(".java")).count();
    }
  }

  /** Writes {@code aggregates} aggregates, each with an event interface of {@code events} records. */
  static List<Path> generate(Path root, int aggregates, int events) throws IOException {
    Path pkg = root.resolve("bench/gen");
    Files.createDirectories(pkg);
    List<Path> files = new ArrayList<>();
    for (int a = 0; a < aggregates; a++) {
      String name = "Thing" + a;
      StringBuilder ev = new StringBuilder("package bench.gen;\n\npublic sealed interface " + name + "Event {\n");
      StringBuilder agg = new StringBuilder("package bench.gen;\n\nimport dev.es.annotations.Apply;\n"
          + "import dev.es.annotations.EventSourced;\nimport dev.es.runtime.AggregateRoot;\nimport java.util.UUID;\n\n"
          + "@EventSourced\npublic class " + name + " extends AggregateRoot<" + name + "Event> {\n"
          + "  String label;\n  long total;\n  int count;\n\n  " + name + "(UUID id) {\n    super(id);\n  }\n\n"
          + "  public void record(" + name + "Event event) {\n    raise(event);\n  }\n");
      for (int e = 0; e < events; e++) {
        ev.append("  record ").append(name).append("Happened").append(e).append("(String label, long amount, int count) implements ")
            .append(name).append("Event {}\n");
        agg.append("\n  @Apply\n  void on(").append(name).append("Event.").append(name).append("Happened").append(e).append(" e) {\n")
            .append("    label = e.label();\n    total += e.amount() * ").append(e + 1).append(";\n")
            .append("    count += e.count();\n  }\n");
      }
      ev.append("}\n");
      agg.append("}\n");
      Path evFile = pkg.resolve(name + "Event.java");
      Path aggFile = pkg.resolve(name + ".java");
      Files.writeString(evFile, ev);
      Files.writeString(aggFile, agg);
      files.add(evFile);
      files.add(aggFile);
    }
    return files;
  }

  /** es-processor's classes (or jar), javapoet and es-annotations, unless {@code es.bench.processorpath} is set. */
  static String processorPath() throws IOException {
    String given = System.getProperty("es.bench.processorpath");
    if (given != null) {
      return given;
    }
    List<Path> entries = new ArrayList<>();
    Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
    Path processor = Stream.of(Path.of("es-processor/target/classes"), Path.of("../es-processor/target/classes"))
        .filter(p -> Files.isRegularFile(p.resolve("META-INF/services/javax.annotation.processing.Processor")))
        .findFirst()
        .orElse(repo.resolve("dev/es/es-processor/0.1.0-SNAPSHOT/es-processor-0.1.0-SNAPSHOT.jar"));
    entries.add(processor.toAbsolutePath());
    try (Stream<Path> versions = Files.list(repo.resolve("com/palantir/javapoet/javapoet"))) {
      Path version = versions.max(Comparator.naturalOrder()).orElseThrow();
      entries.add(version.resolve("javapoet-" + version.getFileName() + ".jar"));
    }
    BenchClasspath.testClasspathEntries().stream()
        .filter(p -> p.toString().contains("es-annotations")).forEach(entries::add);
    if (entries.stream().noneMatch(p -> p.toString().contains("es-annotations"))) {
      throw new IllegalStateException("es-annotations is not on the test class path");
    }
    return BenchClasspath.join(entries);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
