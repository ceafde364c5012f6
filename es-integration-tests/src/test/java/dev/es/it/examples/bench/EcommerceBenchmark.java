package dev.es.it.examples.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.examples.BulkOrders;
import dev.es.examples.Shop;
import dev.es.examples.order.OrderRepository;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.view.OrderStatistics;
import dev.es.examples.order.view.OrderByCustomerTable;
import dev.es.examples.order.view.OrderByStatusTable;
import dev.es.examples.order.view.OrderProjector;
import dev.es.examples.order.view.OrderProjector_Projection;
import dev.es.examples.order.view.OrderViewTable;
import dev.es.it.feed.bench.FeedCostBenchmark;
import dev.es.it.support.StatementsByKind;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The read side of the e-commerce example under load, in three phases against one Cassandra:
 *
 * <ol>
 *   <li><b>commands</b>: the example's {@link Shop} (its order projection and fulfillment saga running) takes the
 *       README's bulk workload — place an order, pay every other one — from {@value #IN_FLIGHT} threads for a
 *       while; commands/s, and how long after the last command the order projection and the saga had handled
 *       everything;
 *   <li><b>projector</b>: the example's real {@link OrderProjector} (its generated projection) replays the feed those
 *       commands and the saga filled, into fresh tables, at concurrency 1 and at the default; events/s it handled;
 *   <li><b>lag</b>: a fresh shop takes the same workload at a fixed rate, 80 % of the measured command rate, for a
 *       while; every event the order projection handles is timed from its append (the event's timestamp) to the
 *       end of its handler: p50, p99 and the maximum; and how far the saga was behind when the load stopped.
 * </ol>
 *
 * Not a test: run it by hand (docs/benchmarks.md, "The e-commerce example under load"); {@code BenchmarkSuite}
 * runs it with short settings. Its {@link #main} also runs {@link FeedCostBenchmark} (what the read side costs the
 * node per 1,000 events, and publishing against appending), so one run gives every read-side figure.
 *
 * <p>Arguments: {@code --quick} (8 s of commands, 1,000 replayed events, 15 s of lag), or any of
 * {@code --command-seconds=<n>} (default 20), {@code --replay-events=<n>} (default 3,000),
 * {@code --lag-seconds=<n>} (default 60), {@code --cost-events=<n>} (default 10,000; 0 skips the cost run).
 */
public final class EcommerceBenchmark {

  private static final int IN_FLIGHT = 32;
  private static final double LOAD_SHARE = 0.8;
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

  private EcommerceBenchmark() {}

  /**
   * How long each phase runs.
   *
   * @param commandSeconds the closed-loop command phase
   * @param replayEvents events the projector handles in each replay (the rate is over these)
   * @param lagSeconds the fixed-rate phase
   */
  public record Settings(int commandSeconds, int replayEvents, int lagSeconds) {

    public static final Settings FULL = new Settings(20, 3_000, 60);
    public static final Settings QUICK = new Settings(8, 1_000, 15);
  }

  /**
   * The figures of one run.
   *
   * @param commandsPerSecond commands the example's handlers completed per second, the saga running
   * @param projectionCaughtUpSeconds from the last command until the order projection had handled everything
   * @param sagaCaughtUpSeconds from the last command until the saga had handled everything (and the projection
   *     the saga's events)
   * @param serialPerSecond events the order projector handled per second at concurrency 1
   * @param concurrentPerSecond the same at the default concurrency
   * @param targetCommandsPerSecond the lag phase's command rate (80 % of {@code commandsPerSecond})
   * @param sustainedCommandsPerSecond the rate the lag phase achieved
   * @param lagP50Ms append → handled by the order projection, median
   * @param lagP99Ms the same, 99th percentile
   * @param lagMaxMs the same, the slowest event
   * @param lagSamples events timed
   * @param publishedP50Ms of the lag, append → published (the feed row written), median
   * @param publishedP99Ms the same, 99th percentile
   * @param handledP50Ms of the lag, published → handled, median
   * @param handledP99Ms the same, 99th percentile
   * @param sagaLagAtEnd the saga's lag in events when the fixed-rate load stopped
   */
  public record Result(double commandsPerSecond, double projectionCaughtUpSeconds, double sagaCaughtUpSeconds,
      double serialPerSecond, double concurrentPerSecond, double targetCommandsPerSecond,
      double sustainedCommandsPerSecond, double lagP50Ms, double lagP99Ms, double lagMaxMs, int lagSamples,
      double publishedP50Ms, double publishedP99Ms, double handledP50Ms, double handledP99Ms, long sagaLagAtEnd) {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.FULL;
    int costEvents = 10_000;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        settings = Settings.QUICK;
      } else if (arg.startsWith("--command-seconds=")) {
        settings = new Settings(intOf(arg), settings.replayEvents(), settings.lagSeconds());
      } else if (arg.startsWith("--replay-events=")) {
        settings = new Settings(settings.commandSeconds(), intOf(arg), settings.lagSeconds());
      } else if (arg.startsWith("--lag-seconds=")) {
        settings = new Settings(settings.commandSeconds(), settings.replayEvents(), intOf(arg));
      } else if (arg.startsWith("--cost-events=")) {
        costEvents = intOf(arg);
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'; see the javadoc of "
            + EcommerceBenchmark.class.getName());
      }
    }
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description() + "; " + settings);
      Result result = run(cluster, session, settings);
      System.out.printf("%n| figure | result |%n| --- | ---: |%n");
      System.out.printf("| commands/s, example's handlers, saga running (%d in flight, %d s) | %,.0f |%n",
          IN_FLIGHT, settings.commandSeconds(), result.commandsPerSecond());
      System.out.printf("| order projection / saga caught up after the last command, s | %.1f / %.1f |%n",
          result.projectionCaughtUpSeconds(), result.sagaCaughtUpSeconds());
      System.out.printf("| OrderProjector events/s, concurrency 1 / %d | %,.0f / %,.0f |%n",
          ProjectionOptions.DEFAULT_CONCURRENCY, result.serialPerSecond(), result.concurrentPerSecond());
      System.out.printf("| lag append → order projection at %,.0f commands/s (achieved %,.0f) for %d s:"
              + " p50 / p99 / max ms (%,d events) | %.0f / %.0f / %.0f |%n", result.targetCommandsPerSecond(),
          result.sustainedCommandsPerSecond(), settings.lagSeconds(), result.lagSamples(), result.lagP50Ms(),
          result.lagP99Ms(), result.lagMaxMs());
      System.out.printf("| of which append → published / published → handled: p50 ms; p99 ms | %.0f / %.0f; %.0f / %.0f"
          + " |%n", result.publishedP50Ms(), result.handledP50Ms(), result.publishedP99Ms(), result.handledP99Ms());
      System.out.printf("| saga lag when that load stopped, events | %,d |%n", result.sagaLagAtEnd());
      if (costEvents > 0) {
        for (FeedCostBenchmark.Result cost : FeedCostBenchmark.run(cluster, costEvents)) {
          for (FeedCostBenchmark.Part part : cost.parts()) {
            System.out.printf("| cost per 1,000 events, %d-event appends, %s: statements / LWT / node CPU ms"
                    + " (%,.0f events/s) | %.0f / %.0f / %s |%n", cost.eventsPerAppend(), part.part(),
                part.perSecond(), part.statementsPer1k(), part.conditionalPer1k(),
                part.cpuMillis() < 0 ? "n/a" : String.format("%.0f", part.cpuMillisPer1k()));
          }
          System.out.printf("| publishing vs appending, %d-event appends: backlog alone / while appending"
              + " | %.2f× / %.2f× |%n", cost.eventsPerAppend(), cost.backlogVsAppend(), cost.liveVsAppend());
        }
      }
    }
  }

  /**
   * Runs the three phases, each in its own keyspace (dropped first), and prints their figures as they come;
   * {@code session} is a session of {@code cluster}.
   */
  public static Result run(CassandraCluster cluster, CqlSession session, Settings settings) throws Exception {
    String commandsKeyspace = "es_bench_example_commands";
    session.execute("DROP KEYSPACE IF EXISTS " + commandsKeyspace);
    Commands commands;
    StatementsByKind statements = new StatementsByKind();
    try (CqlSession counted = cluster.sessionBuilder().addRequestTracker(statements).build();
        Shop shop = new Shop(counted, commandsKeyspace, 1)) {
      commands = commands(shop, settings.commandSeconds());
    }
    System.out.printf("commands: %,d in %.1f s: %,.0f commands/s; caught up after the last command: order projection"
            + " %.1f s, saga %.1f s%n", commands.count(), commands.seconds(), commands.perSecond(),
        commands.projectionCaughtUp(), commands.sagaCaughtUp());
    System.out.println("statements per 1,000 commands, until the read side caught up (commands, publishing, order"
        + " projection, saga):");
    statements.counts().forEach((kind, count) -> System.out.printf("  %-45s %,8.0f%n", kind,
        1000.0 * count / commands.count()));

    double serial = replay(session, commandsKeyspace, 1, settings.replayEvents());
    double concurrent = replay(session, commandsKeyspace, ProjectionOptions.DEFAULT_CONCURRENCY,
        settings.replayEvents());
    System.out.printf("OrderProjector: %,.0f events/s at concurrency 1, %,.0f at %d%n", serial, concurrent,
        ProjectionOptions.DEFAULT_CONCURRENCY);

    double target = LOAD_SHARE * commands.perSecond();
    Lag lag = lag(session, target, settings.lagSeconds());
    System.out.printf("lag at %,.0f commands/s (achieved %,.0f) for %d s: p50 %.0f ms, p99 %.0f ms, max %.0f ms"
            + " (%,d events); the saga was %,d events behind when the load stopped%n", target,
        lag.commandsPerSecond(), settings.lagSeconds(), lag.percentile(50), lag.percentile(99), lag.max(),
        lag.samples(), lag.sagaLag());
    System.out.printf("  of which append → published p50 %.0f ms, p99 %.0f ms; published → handled p50 %.0f ms, p99 %.0f"
        + " ms%n", Lag.percentile(lag.toPublishedMs(), 50), Lag.percentile(lag.toPublishedMs(), 99),
        Lag.percentile(lag.toHandledMs(), 50), Lag.percentile(lag.toHandledMs(), 99));
    return new Result(commands.perSecond(), commands.projectionCaughtUp(), commands.sagaCaughtUp(), serial,
        concurrent, target, lag.commandsPerSecond(), lag.percentile(50), lag.percentile(99), lag.max(),
        lag.samples(), Lag.percentile(lag.toPublishedMs(), 50), Lag.percentile(lag.toPublishedMs(), 99),
        Lag.percentile(lag.toHandledMs(), 50), Lag.percentile(lag.toHandledMs(), 99), lag.sagaLag());
  }

  // ------------------------------------------------------------------------------------------------ commands

  private record Commands(long count, double seconds, double projectionCaughtUp, double sagaCaughtUp) {
    double perSecond() {
      return count / seconds;
    }
  }

  /** The README's bulk workload from {@value #IN_FLIGHT} threads for {@code seconds}, then until it caught up. */
  private static Commands commands(Shop shop, int seconds) throws Exception {
    BulkOrders workload = new BulkOrders(shop.orders());
    AtomicLong commands = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
    List<Future<?>> done = new ArrayList<>();
    AtomicLong orders = new AtomicLong();
    long start = System.nanoTime();
    for (int t = 0; t < IN_FLIGHT; t++) {
      done.add(threads.submit(() -> {
        while (!stop.get()) {
          commands.addAndGet(placeOrder(workload, orders.getAndIncrement()));
        }
      }));
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Future<?> thread : done) {
      thread.get();
    }
    long end = System.nanoTime();
    threads.shutdown();
    double projection = projected(shop, end, orders.get());
    double saga = caughtUp(shop, end, () -> shop.sagas().lag(shop.fulfillment().name())
        + shop.projections().lag(Shop.ORDER_PROJECTION));
    return new Commands(commands.get(), (end - start) / 1e9, projection, saga);
  }

  /**
   * Seconds from {@code since} until the order projection has handled every event the commands appended: the read
   * model counts orders {@code 0 .. orders - 1}, each paid one as paid (the saga's events change no status; the
   * saga's catch-up is measured on its own). A poll reads the status partitions (tombstones of status changes
   * included), so it runs every 250 ms and only while the projection's lag reads 0.
   */
  private static double projected(Shop shop, long since, long orders) throws InterruptedException {
    long paid = (orders + 1) / 2;
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (!counted(shop, orders - paid, paid)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the order projection did not catch up within " + DRAIN_LIMIT + ": "
            + shop.projections().status(Shop.ORDER_PROJECTION));
      }
      Thread.sleep(250);
    }
    return (System.nanoTime() - since) / 1e9;
  }

  private static boolean counted(Shop shop, long pending, long paid) {
    try {
      if (shop.projections().lag(Shop.ORDER_PROJECTION) > 0) {
        return false;
      }
      OrderStatistics statistics = shop.orderQueries().statistics();
      return statistics.count(OrderStatus.PENDING) == pending && statistics.count(OrderStatus.PAID) == paid;
    } catch (DriverException unanswered) {
      return false;
    }
  }

  /** Seconds from {@code since} until everything is published and {@code lag} reads 0. */
  private static double caughtUp(Shop shop, long since, LongSupplier lag) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (!caughtUp(shop, lag)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the example's read side did not catch up within " + DRAIN_LIMIT
            + ": order projection " + shop.projections().status(Shop.ORDER_PROJECTION) + ", saga "
            + shop.sagas().status(shop.fulfillment().name()));
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - since) / 1e9;
  }

  /** Whether {@code lag} reads 0 with everything published; not yet if Cassandra did not answer the poll. */
  private static boolean caughtUp(Shop shop, LongSupplier lag) {
    try {
      return lag.getAsLong() == 0 && shop.feed().allPublished();
    } catch (DriverException unanswered) {
      return false;
    }
  }

  /** Places order {@code n} of the bulk workload; returns the commands it took. */
  private static int placeOrder(BulkOrders workload, long n) {
    workload.order(n);
    return BulkOrders.commands(n);
  }

  // ------------------------------------------------------------------------------------------------ projector

  /**
   * The generated order projection, replaying the feed of {@code keyspace} into fresh tables of its own, under a
   * name of its own (so from position zero); events/s over its first {@code events} handled events, timed from
   * the first one.
   */
  private static double replay(CqlSession session, String keyspace, int concurrency, int events) throws Exception {
    String tables = "es_bench_example_replay_" + concurrency;
    session.execute("DROP KEYSPACE IF EXISTS " + tables);
    session.execute("CREATE KEYSPACE " + tables
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    OrderViewTable orders = new OrderViewTable(session, tables);
    OrderByCustomerTable byCustomer = new OrderByCustomerTable(session, tables);
    OrderByStatusTable byStatus = new OrderByStatusTable(session, tables);
    orders.initialize();
    byCustomer.initialize();
    byStatus.initialize();
    CassandraEventStore store =
        new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace).build());
    new OrderRepository(store); // registers the order events with the store
    Feed feed = new Feed(session, store, FeedOptions.defaults());
    Timed projection = new Timed(new OrderProjector_Projection(new OrderProjector(orders, byCustomer, byStatus)),
        "orders-replay-" + concurrency, events);
    try (ProjectionRunner runner = ProjectionRunner.builder(feed)
        .add(projection, ProjectionOptions.defaults().withConcurrency(concurrency)).build().start()) {
      long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
      while (projection.handled() < events) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the order projector replayed " + projection.handled() + " of " + events
              + " events within " + DRAIN_LIMIT + " (is the feed that long?): " + runner.status(projection.name()));
        }
        Thread.sleep(10);
      }
      return projection.perSecond();
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + tables);
    }
  }

  /**
   * The order projection under another name, counting the events it handled and keeping, for the first ones, when
   * each was appended (its timestamp) and handled, and where it is in the feed.
   */
  private static final class Timed implements Projection {
    private final Projection projection;
    private final String name;
    private final long[] appendedMs;
    private final long[] handledMs;
    private final int[] shards;
    private final long[] positions;
    private final AtomicLong handled = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** Keeps the times of the first {@code samples} events it handles. */
    Timed(Projection projection, String name, int samples) {
      this.projection = projection;
      this.name = name;
      this.appendedMs = new long[samples];
      this.handledMs = new long[samples];
      this.shards = new int[samples];
      this.positions = new long[samples];
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean handles(String eventType) {
      return projection.handles(eventType);
    }

    @Override
    public void handle(FeedEvent event) throws Exception {
      projection.handle(event);
      record(event);
    }

    @Override
    public CompletionStage<Void> handleAsync(FeedEvent event) {
      return projection.handleAsync(event).thenRun(() -> record(event));
    }

    private void record(FeedEvent event) {
      long now = System.nanoTime();
      long n = handled.getAndIncrement();
      if (n == 0) {
        firstNanos = now;
      }
      if (n < appendedMs.length) {
        int i = (int) n;
        appendedMs[i] = event.envelope().timestamp().toEpochMilli();
        handledMs[i] = System.currentTimeMillis();
        shards[i] = event.shard();
        positions[i] = event.position();
        lastNanos = now;
      }
    }

    long handled() {
      return handled.get();
    }

    int kept() {
      return (int) Math.min(handled.get(), appendedMs.length);
    }

    /** Events per second from the first handled event to the last one kept. */
    double perSecond() {
      return (kept() - 1) / ((lastNanos - firstNanos) / 1e9);
    }

    /** Append → handled of each event kept, sorted. */
    long[] appendToHandledMs() {
      long[] ms = new long[kept()];
      Arrays.setAll(ms, i -> handledMs[i] - appendedMs[i]);
      Arrays.sort(ms);
      return ms;
    }

    /**
     * Append → published and published → handled of each event kept, sorted; published is the write time of its
     * feed row (the feed batch's Paxos round), read back from {@code keyspace}'s feed.
     */
    long[][] publishedSplitMs(CqlSession session, String keyspace, int bucketSize) {
      Map<List<Long>, Map<Long, Long>> writtenMs = new HashMap<>();
      int kept = kept();
      long[] toPublished = new long[kept];
      long[] toHandled = new long[kept];
      for (int i = 0; i < kept; i++) {
        List<Long> partition = List.of((long) shards[i], positions[i] / bucketSize);
        long published = writtenMs.computeIfAbsent(partition, key -> feedWriteTimesMs(session, keyspace, key))
            .get(positions[i]);
        toPublished[i] = published - appendedMs[i];
        toHandled[i] = handledMs[i] - published;
      }
      Arrays.sort(toPublished);
      Arrays.sort(toHandled);
      return new long[][] {toPublished, toHandled};
    }

    /** Position → write time in ms of the rows of one feed partition ({@code shard, bucket}). */
    private static Map<Long, Long> feedWriteTimesMs(CqlSession session, String keyspace, List<Long> partition) {
      Map<Long, Long> times = new HashMap<>();
      for (Row row : session.execute("SELECT position, WRITETIME(payload)"
          + " FROM " + keyspace + "." + FeedOptions.FEED_TABLE + " WHERE shard = ? AND bucket = ?",
          partition.get(0).intValue(), partition.get(1))) {
        times.put(row.getLong(0), row.getLong(1) / 1000);
      }
      return times;
    }
  }

  // ------------------------------------------------------------------------------------------------ lag

  /** Sorted delays in ms: append → handled, and its two parts append → published and published → handled. */
  private record Lag(double commandsPerSecond, long sagaLag, long[] sortedMs, long[] toPublishedMs,
      long[] toHandledMs) {
    double percentile(int p) {
      return percentile(sortedMs, p);
    }

    static double percentile(long[] sorted, int p) {
      return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    double max() {
      return sortedMs.length == 0 ? Double.NaN : sortedMs[sortedMs.length - 1];
    }

    int samples() {
      return sortedMs.length;
    }
  }

  /**
   * A fresh shop takes the bulk workload at {@code commandsPerSecond} (orders started at fixed intervals, whatever
   * the earlier ones are doing) for {@code seconds}; its order projection times every event it handles.
   */
  private static Lag lag(CqlSession session, double commandsPerSecond, int seconds) throws Exception {
    String keyspace = "es_bench_example_lag";
    session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    double ordersPerSecond = commandsPerSecond / 1.5; // every other order is paid: 1.5 commands per order
    int expectedEvents = (int) (ordersPerSecond * seconds * 4) + 1_000; // created, paid and the saga's events
    Timed[] timed = new Timed[1];
    try (Shop shop = new Shop(session, keyspace, 1, projection -> timed[0] = new Timed(projection,
        projection.name(), expectedEvents))) {
      Thread.sleep(1_000); // the runners take their leases
      BulkOrders workload = new BulkOrders(shop.orders());
      AtomicLong commands = new AtomicLong();
      AtomicLong orders = new AtomicLong();
      ExecutorService threads = Executors.newCachedThreadPool();
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      long start = System.nanoTime();
      long periodNanos = (long) (1e9 / ordersPerSecond);
      clock.scheduleAtFixedRate(() -> threads.execute(() -> commands.addAndGet(
          placeOrder(workload, orders.getAndIncrement()))), 0, periodNanos, TimeUnit.NANOSECONDS);
      Thread.sleep(seconds * 1000L);
      clock.shutdownNow();
      threads.shutdown();
      if (!threads.awaitTermination(DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("commands of the lag phase still running after " + DRAIN_LIMIT);
      }
      double achieved = commands.get() / ((System.nanoTime() - start) / 1e9);
      // the saga may be behind; it is stopped so that "all published" means the projection has every event
      long sagaLag = shop.sagas().lag(shop.fulfillment().name());
      shop.sagas().close();
      caughtUp(shop, System.nanoTime(), () -> shop.projections().lag(Shop.ORDER_PROJECTION));
      long[][] split = timed[0].publishedSplitMs(session, keyspace, FeedOptions.defaults().bucketSize());
      return new Lag(achieved, sagaLag, timed[0].appendToHandledMs(), split[0], split[1]);
    }
  }

  private static int intOf(String arg) {
    return Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
  }
}
