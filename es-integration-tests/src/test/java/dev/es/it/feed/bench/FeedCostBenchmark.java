package dev.es.it.feed.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.it.bench.BenchClasspath;
import dev.es.it.support.StatementsByKind;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * What the read side costs the Cassandra node per event, by part: the append itself (for reference), publishing
 * to the feed, consuming (feed reads and checkpoints, with a handler that does nothing) and a handler that writes
 * one row per event. Per part: CQL statements and lightweight transactions sent to the node per 1,000 events (each
 * part has its own session, counted by a {@link StatementsByKind}), the node's CPU time per 1,000 events
 * ({@link NodeCpu}), and the part's rate. The parts run one after the other, so each has the node to itself;
 * publishing is compared with the append rate measured alone, and measured again while appending. Every stream is
 * appended to {@value #APPENDS_PER_STREAM} times (all streams once, then all again), so a publishing step finds
 * streams with one new append each, as in a command workload over many aggregates. Runs once with 1-event appends
 * (the command workload) and once with 10-event appends. Not a test: run it by hand (see
 * docs/benchmarks.md, "Read-side cost").
 *
 * <p>Arguments: events per workload (default 10000); {@code --before=<classes>}: also run the same measurement
 * with that directory of {@code es-runtime} classes (e.g. an older commit's {@code target/classes}) first on the
 * class path, both sides in child JVMs, alternating, {@code --rounds=<n>} times (default 1); {@code --shards=<n>}:
 * the feed's shards (default 1), each with its publisher.
 */
public final class FeedCostBenchmark {

  /** The benchmark's event. */
  public record ItemAdded(String sku, int quantity, String price) {}

  /** The two workloads: events per append. */
  public static final List<Integer> EVENTS_PER_APPEND = List.of(1, 10);

  private static final String KEYSPACE = "es_bench_cost";
  private static final int APPENDS_PER_STREAM = 2;
  private static final int APPENDERS = 32;
  private static final ItemAdded EVENT = new ItemAdded("SKU-1234567", 3, "19.99");
  private static final String LINE = "COST|";

  private FeedCostBenchmark() {}

  /**
   * One part's figures.
   *
   * @param part {@code append} (alone), {@code publish-backlog} (publishing those events afterwards, alone),
   *     {@code append-live} and {@code publish-live} (as many events again, appended with the publisher running;
   *     the CPU of {@code publish-live} is the node's for appending and publishing together: compare it with
   *     {@code append} plus {@code publish-backlog}), {@code consume} (a catch-up projection
   *     whose handler does nothing: feed reads and checkpoints) or {@code handler} (a handler writing a row per
   *     event: its statements, and the CPU it added to consuming)
   * @param events events the part processed
   * @param seconds how long it took
   * @param statements statements sent to the node
   * @param conditional of which lightweight transactions
   * @param cpuMillis the node's CPU time, or -1 when not measured
   */
  public record Part(String part, long events, double seconds, long statements, long conditional, long cpuMillis) {

    public double statementsPer1k() {
      return 1000.0 * statements / events;
    }

    public double conditionalPer1k() {
      return 1000.0 * conditional / events;
    }

    /** Node CPU milliseconds per 1,000 events, or -1 when not measured. */
    public double cpuMillisPer1k() {
      return cpuMillis < 0 ? -1 : 1000.0 * cpuMillis / events;
    }

    public double perSecond() {
      return events / seconds;
    }

    String line(String side, int eventsPerAppend) {
      return String.join("|", LINE + side, Integer.toString(eventsPerAppend), part, Long.toString(events),
          Double.toString(seconds), Long.toString(statements), Long.toString(conditional), Long.toString(cpuMillis));
    }

    static Part parse(String[] f) {
      return new Part(f[3], Long.parseLong(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]),
          Long.parseLong(f[7]), Long.parseLong(f[8]));
    }
  }

  /** The figures of one workload. */
  public record Result(int eventsPerAppend, List<Part> parts) {

    public Part part(String name) {
      return parts.stream().filter(p -> p.part().equals(name)).findFirst().orElseThrow();
    }

    /** Publishing a backlog, over the append rate of the same node (each alone). */
    public double backlogVsAppend() {
      return part("publish-backlog").perSecond() / part("append").perSecond();
    }

    /**
     * Publishing while appending: the append rate over the rate at which the same events were appended and
     * published (1 when publishing keeps up: everything is published when the last append returns).
     */
    public double liveVsAppend() {
      return part("publish-live").perSecond() / part("append-live").perSecond();
    }
  }

  public static void main(String[] args) throws Exception {
    int events = 10_000;
    Path before = null;
    String child = null;
    int rounds = 1;
    FeedOptions feed = FeedOptions.defaults();
    for (String arg : args) {
      if (arg.startsWith("--before=")) {
        before = Path.of(arg.substring("--before=".length()));
      } else if (arg.startsWith("--child=")) {
        child = arg.substring("--child=".length());
      } else if (arg.startsWith("--shards=")) {
        feed = feed.withShards(Integer.parseInt(arg.substring("--shards=".length())));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        events = Integer.parseInt(arg);
      }
    }
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start()) {
      NodeCpu cpu = NodeCpu.of(cluster.description());
      System.out.println("Cassandra: " + cluster.description() + (cpu.pid().isPresent() ? "" : "; node CPU not measured"));
      if (before == null) {
        for (Result result : run(cluster, cpu, feed, events)) {
          print(child == null ? "current" : child, result);
        }
      } else {
        compare(cluster, cpu, feed, events, before, rounds);
      }
    }
  }

  /**
   * Both workloads on a cluster, measuring the CPU of its node when the testkit started it (or
   * {@code ES_BENCH_NODE_PID} names it).
   */
  public static List<Result> run(CassandraCluster cluster, int events) throws Exception {
    return run(cluster, NodeCpu.of(cluster.description()), FeedOptions.defaults(), events);
  }

  private static List<Result> run(CassandraCluster cluster, NodeCpu cpu, FeedOptions feed, int events)
      throws Exception {
    List<Result> results = new ArrayList<>();
    for (int k : EVENTS_PER_APPEND) {
      results.add(run(cluster, cpu, feed, events, k));
    }
    return results;
  }

  private static Result run(CassandraCluster cluster, NodeCpu cpu, FeedOptions feed, int events, int eventsPerAppend)
      throws Exception {
    int streams = events / eventsPerAppend / APPENDS_PER_STREAM;
    if (streams < 1 || streams * eventsPerAppend * APPENDS_PER_STREAM != events) {
      throw new IllegalArgumentException("events must be a multiple of " + eventsPerAppend * APPENDS_PER_STREAM
          + ", was " + events);
    }
    StatementsByKind appendCount = new StatementsByKind();
    StatementsByKind publishCount = new StatementsByKind();
    StatementsByKind consumeCount = new StatementsByKind();
    StatementsByKind handlerCount = new StatementsByKind();
    try (CqlSession admin = cluster.openSession();
        CqlSession appendSession = cluster.sessionBuilder().addRequestTracker(appendCount).build();
        CqlSession publishSession = cluster.sessionBuilder().addRequestTracker(publishCount).build();
        CqlSession consumeSession = cluster.sessionBuilder().addRequestTracker(consumeCount).build();
        CqlSession handlerSession = cluster.sessionBuilder().addRequestTracker(handlerCount).build()) {
      admin.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      EventStoreOptions options =
          EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(Replication.simple(1)).build();
      EventRegistry registry = new EventRegistry().register(EventType.current("ItemAdded", 1, ItemAdded.class));
      CassandraEventStore observer = new CassandraEventStore(admin, options, registry);
      observer.initialize();
      Feed observed = new Feed(admin, observer, feed);
      observed.initialize();
      admin.execute("CREATE TABLE " + KEYSPACE + ".handled (aggregate_id uuid, version bigint, event_type text,"
          + " PRIMARY KEY (aggregate_id, version))");
      CassandraEventStore appender = new CassandraEventStore(appendSession, options, registry);
      Feed publishing = new Feed(publishSession, new CassandraEventStore(publishSession, options, registry),
          feed);
      Feed consuming = new Feed(consumeSession, new CassandraEventStore(consumeSession, options, registry),
          feed);
      PreparedStatement insert = handlerSession.prepare("INSERT INTO " + KEYSPACE + ".handled"
          + " (aggregate_id, version, event_type) VALUES (?, ?, ?)");

      List<Part> parts = new ArrayList<>();
      List<UUID> first = streams(streams);
      parts.add(measure("append", events, appendCount, cpu, () -> append(appender, first, eventsPerAppend)));
      parts.add(measure("publish-backlog", events, publishCount, cpu, () -> {
        FeedPublishers publishers = publishing.startPublishing("bench");
        try {
          awaitPublished(observed, events);
        } finally {
          publishers.close();
        }
      }));
      // Live: the same appends again (new streams) with the publisher running, until everything is published.
      List<UUID> second = streams(streams);
      StatementsByKind.Totals appendsBefore = appendCount.totals();
      long[] appendNanos = new long[1];
      Part live = measure("publish-live", events, publishCount, cpu, () -> {
        FeedPublishers publishers = publishing.startPublishing("bench");
        try {
          long start = System.nanoTime();
          append(appender, second, eventsPerAppend);
          appendNanos[0] = System.nanoTime() - start;
          awaitPublished(observed, 2L * events);
        } finally {
          publishers.close();
        }
      });
      StatementsByKind.Totals liveAppends = appendCount.totals().minus(appendsBefore);
      parts.add(new Part("append-live", events, appendNanos[0] / 1e9, liveAppends.statements(),
          liveAppends.paxos(), -1));
      parts.add(live);
      parts.add(measure("consume", 2L * events, consumeCount, cpu,
          () -> consume(consuming, "counting", 2L * events, e -> {})));
      // A second projection with a handler that writes a row per event: the handler's session counts its
      // statements; its CPU is what it added to consuming the same events.
      Part handled = measure("handled", 2L * events, handlerCount, cpu, () -> consume(consuming, "writing", 2L * events,
          e -> handlerSession.execute(insert.bind(e.envelope().aggregateId(), e.envelope().version(),
              e.envelope().eventType()))));
      long consumeCpu = parts.get(parts.size() - 1).cpuMillis();
      parts.add(new Part("handler", handled.events(), handled.seconds(), handled.statements(), handled.conditional(),
          consumeCpu < 0 ? -1 : Math.max(0, handled.cpuMillis() - consumeCpu)));
      return new Result(eventsPerAppend, parts);
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Part measure(String name, long events, StatementsByKind counter, NodeCpu cpu, Work work)
      throws Exception {
    StatementsByKind.Totals countsBefore = counter.totals();
    long cpuBefore = cpu.millis();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpuAfter = cpu.millis();
    StatementsByKind.Totals counts = counter.totals().minus(countsBefore);
    return new Part(name, events, seconds, counts.statements(), counts.paxos(),
        cpuBefore < 0 ? -1 : cpuAfter - cpuBefore);
  }

  private static List<UUID> streams(int count) {
    return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
  }

  private static void awaitPublished(Feed feed, long events) throws InterruptedException {
    while (IntStream.range(0, feed.options().shards()).mapToLong(feed::headPosition).sum() < events) {
      Thread.sleep(5);
    }
  }

  /**
   * Appends to every stream {@value #APPENDS_PER_STREAM} times (every stream once, then every stream again),
   * {@value #APPENDERS} appends in flight.
   */
  private static void append(CassandraEventStore store, List<UUID> ids, int eventsPerAppend) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(APPENDERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < APPENDERS; t++) {
        int first = t;
        done.add(threads.submit(() -> {
          for (int a = 0; a < APPENDS_PER_STREAM; a++) {
            for (int s = first; s < ids.size(); s += APPENDERS) {
              store.append("Cart", ids.get(s),
                  a == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly((long) a * eventsPerAppend),
                  Collections.nCopies(eventsPerAppend, EVENT));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  private interface Handler {
    void handle(FeedEvent event);
  }

  /** A catch-up projection from position zero until it has handled every event. */
  private static void consume(Feed feed, String name, long events, Handler handler) throws Exception {
    AtomicLong seen = new AtomicLong();
    Projection projection = new Projection() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void handle(FeedEvent event) {
        handler.handle(event);
        seen.incrementAndGet();
      }
    };
    ProjectionRunner runner = ProjectionRunner.builder(feed).add(projection).build().start();
    try {
      while (seen.get() < events) {
        Thread.sleep(5);
      }
    } finally {
      runner.close();
    }
  }

  private static void print(String side, Result result) {
    for (Part part : result.parts()) {
      System.out.println(part.line(side, result.eventsPerAppend()));
    }
    System.out.printf("%s, %d event(s) per append: publishing a backlog %.0f events/s, appending %.0f events/s:"
            + " %.2f×; live: appended at %.0f events/s, all published at %.0f events/s: %.2f×%n",
        side, result.eventsPerAppend(), result.part("publish-backlog").perSecond(),
        result.part("append").perSecond(), result.backlogVsAppend(), result.part("append-live").perSecond(),
        result.part("publish-live").perSecond(), result.liveVsAppend());
  }

  /** Runs both sides in child JVMs, alternating, and prints one table of both. */
  private static void compare(CassandraCluster cluster, NodeCpu cpu, FeedOptions feed, int events, Path before,
      int rounds)
      throws Exception {
    if (!Files.isDirectory(before)) {
      throw new IllegalArgumentException("--before must be a directory of es-runtime classes, was " + before);
    }
    String contactPoints = cluster.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).reduce((a, b) -> a + "," + b).orElseThrow();
    String classpath = BenchClasspath.testClasspath();
    List<String[]> lines = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (String side : List.of("before", "after")) {
        String cp = side.equals("before") ? before + java.io.File.pathSeparator + classpath : classpath;
        System.out.printf("%n=== %s, round %d (load average %s)%n", side, round + 1, loadAverage());
        lines.addAll(child(cp, side, events, feed.shards(), contactPoints, cpu));
      }
    }
    System.out.printf("%n## Read-side cost (%d events per workload, %d shard(s), %d round(s), load average now %s)%n%n",
        events, feed.shards(), rounds, loadAverage());
    System.out.println("| events per append | part | side | statements / 1k | LWT / 1k | node CPU ms / 1k | events/s |");
    System.out.println("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
    for (int k : EVENTS_PER_APPEND) {
      for (String part : List.of("append", "publish-backlog", "append-live", "publish-live", "consume", "handler")) {
        for (String side : List.of("before", "after")) {
          List<Part> runs = lines.stream()
              .filter(f -> f[1].equals(side) && Integer.parseInt(f[2]) == k && f[3].equals(part))
              .map(Part::parse).toList();
          for (Part p : runs) {
            System.out.printf("| %d | %s | %s | %.0f | %.1f | %s | %,.0f |%n", k, part, side, p.statementsPer1k(),
                p.conditionalPer1k(), p.cpuMillis() < 0 ? "n/a" : String.format("%.0f", p.cpuMillisPer1k()),
                p.perSecond());
          }
        }
      }
    }
  }

  private static List<String[]> child(String classpath, String side, int events, int shards, String contactPoints,
      NodeCpu cpu) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classpath,
        FeedCostBenchmark.class.getName(), Integer.toString(events), "--child=" + side, "--shards=" + shards)
        .redirectErrorStream(true);
    builder.environment().put("ES_CASSANDRA_CONTACT_POINTS", contactPoints);
    cpu.pid().ifPresent(pid -> builder.environment().put("ES_BENCH_NODE_PID", Long.toString(pid)));
    Process process = builder.start();
    List<String[]> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
        if (line.startsWith(LINE)) {
          lines.add(line.split("\\|"));
        }
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(side + " run failed with exit code " + process.exitValue());
    }
    return lines;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }
}
