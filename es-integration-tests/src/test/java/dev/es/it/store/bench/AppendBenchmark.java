package dev.es.it.store.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Saving new aggregates through the generated {@link CartRepository} versus the raw driver sending the same
 * conditional batches, with the same concurrency, in alternating rounds of one run, for each workload of
 * {@link #VARIANTS} (1 or 10 events per save, 32 or 128 saves in flight). Not a test: run it by hand (see
 * docs/benchmarks.md, "Event store append").
 *
 * <p>The repository side is measured once per {@link StoreMode} of {@link #MODES}: {@link #CONDITIONAL} (the
 * default options) against the raw driver, every further mode — a store configured with other options — against
 * {@link #CONDITIONAL}, in the same rounds. Another append mode is one more entry in {@link #MODES}.
 *
 * <p>Every variant starts on an empty events table (truncated). A save that throws (a timeout of an overloaded
 * node, say) is counted as failed and its thread goes on with a new aggregate.
 *
 * <p>Arguments: seconds per round (default 5), rounds per variant (default 9), warm-up seconds per appender and
 * variant (default 5; before the first variant there are {@value #FIRST_WARM_UP_SECONDS} s more). Many short
 * rounds, each appender's turn rotating within a round, make the median of the per-round ratios robust against
 * other load on the machine.
 */
public final class AppendBenchmark {

  private static final int SAVES_PER_AGGREGATE = 20;
  /** Before the first variant: the client's JIT, the driver's connections, the node's Paxos path. */
  private static final int FIRST_WARM_UP_SECONDS = 5;
  private static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(60);
  private static final String KEYSPACE = "es_bench";
  private static final Cart_AggregateType CART = new Cart_AggregateType();
  private static final CartEvent.ItemAdded EVENT =
      new CartEvent.ItemAdded("SKU-1234567", 3, new BigDecimal("19.99"));

  /**
   * One workload: new aggregates, each saved {@value #SAVES_PER_AGGREGATE} times (the first save creates the
   * stream, the others advance its head), by {@code inFlight} threads with one save in flight each.
   */
  public record Variant(int eventsPerSave, int inFlight) {
    @Override
    public String toString() {
      return eventsPerSave + (eventsPerSave == 1 ? " event" : " events") + " per save, " + inFlight + " in flight";
    }
  }

  /** The workloads measured, in this order. */
  public static final List<Variant> VARIANTS =
      List.of(new Variant(1, 32), new Variant(1, 128), new Variant(10, 32), new Variant(10, 128));

  /**
   * A configuration of the store behind the generated repository.
   *
   * @param name the appender's name in the tables
   * @param options what the mode changes in the benchmark's options (keyspace and replication are set already)
   */
  public record StoreMode(String name, UnaryOperator<EventStoreOptions.Builder> options) {}

  /** The default options: every save is one conditional (lightweight-transaction) batch. */
  public static final StoreMode CONDITIONAL =
      new StoreMode("generated repository, conditional batch", UnaryOperator.identity());

  /** {@link AppendMode#SINGLE_WRITER}: every save is one plain batch, no lightweight transaction. */
  public static final StoreMode SINGLE_WRITER = new StoreMode("generated repository, single-writer mode (no LWT)",
      options -> options.appendMode(AppendMode.SINGLE_WRITER));

  /**
   * Conditional batches with the runtime's metrics and observations on, as in a Spring Boot application with
   * Actuator: a meter registry, and an observation registry whose handler times every observation (Spring Boot's
   * default handler); compared with {@link #CONDITIONAL}, where nothing is measured.
   */
  public static final StoreMode INSTRUMENTED = new StoreMode("generated repository, metrics + observations",
      options -> {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return options.meterRegistry(meters).observationRegistry(observations);
      });

  /** The store configurations measured: {@link #CONDITIONAL} first, each further one compared against it. */
  public static final List<StoreMode> MODES = List.of(CONDITIONAL, SINGLE_WRITER, INSTRUMENTED);

  /**
   * One appender's figures in one variant, over all its rounds.
   *
   * @param failedSaves saves that threw (a timeout of an overloaded node, say); each ends its aggregate
   * @param cpuMicrosPerSave CPU time of the saving threads per save (serializing, building and binding the batch;
   *     not the driver's I/O threads, which encode and send the same statements for every appender)
   * @param machineCpuMicrosPerSave CPU time of the whole machine per save (client, node and anything else; NaN
   *     where the machine's CPU time cannot be read)
   */
  public record Figure(String appender, double eventsPerSecond, double p50Ms, double p99Ms, long failedSaves,
      double cpuMicrosPerSave, double machineCpuMicrosPerSave) {}

  /**
   * One store mode's figures in one variant.
   *
   * @param vsRaw the median of the per-round ratios of this mode's rate to the raw driver's
   * @param vsConditional the same against {@link #CONDITIONAL} (1 for {@link #CONDITIONAL} itself)
   */
  public record ModeResult(StoreMode mode, Figure figure, double vsRaw, double vsConditional) {}

  /** The figures of one variant: the raw driver, then one result per entry of {@link #MODES}, in that order. */
  public record Result(Variant variant, Figure raw, List<ModeResult> modes) {
    public ModeResult mode(StoreMode mode) {
      return modes.stream().filter(m -> m.mode().equals(mode)).findFirst().orElseThrow();
    }
  }

  /** Starts new aggregates; the action returned saves the variant's events to that aggregate each time it runs. */
  private interface Appender {
    Runnable newAggregate(UUID id, int eventsPerSave);
  }

  /** What one appender did in one round; {@code failure} is the first failed save's exception, if any. */
  private record Round(long events, double seconds, long[] latenciesNanos, long failedSaves, String failure,
      long cpuNanos, long machineCpuNanos) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private AppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description() + ", paxos_variant "
          + System.getProperty("es.cassandra.paxos", "v1 (testkit default)") + " if embedded");
      run(session, seconds, rounds, warmUpSeconds);
    }
  }

  /**
   * Runs every variant on an open session (in its own keyspace, dropped afterwards) and prints a table per
   * variant and a summary.
   */
  public static List<Result> run(CqlSession session, int seconds, int rounds, int warmUpSeconds) {
    List<Appender> stores = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    EventStoreOptions conditional = null;
    for (StoreMode mode : MODES) {
      EventStoreOptions options = mode.options()
          .apply(EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(Replication.simple(1))).build();
      CassandraEventStore store = new CassandraEventStore(session, options);
      store.initialize();
      tables.add(options.keyspace() + "." + options.eventsTable());
      CartRepository carts = new CartRepository(store);
      stores.add((id, eventsPerSave) -> {
        Cart cart = new Cart(id);
        return () -> {
          cart.add(EVENT, eventsPerSave);
          carts.save(cart);
        };
      });
      if (mode.equals(CONDITIONAL)) {
        conditional = options;
      }
    }
    if (conditional == null) {
      throw new IllegalStateException("MODES must contain CONDITIONAL, the baseline of the other modes");
    }
    List<Appender> appenders = new ArrayList<>();
    appenders.add(new RawDriverAppender(session, conditional,
        new EventSerializer(EventSerializer.defaultObjectMapper()).write(EVENT)));
    appenders.addAll(stores);

    System.out.printf("%nfirst warm-up: %d s per appender (%s)%n", FIRST_WARM_UP_SECONDS, VARIANTS.get(0));
    for (Appender appender : appenders) {
      run(appender, VARIANTS.get(0), FIRST_WARM_UP_SECONDS);
    }
    List<Result> results = new ArrayList<>();
    for (Variant variant : VARIANTS) {
      // every variant starts on empty tables: its rates do not depend on what the variants before it wrote, and
      // the node (1 GB of heap when embedded) does not carry their memtables and index segments along
      for (String table : tables) {
        session.execute(SimpleStatement.newInstance("TRUNCATE " + table).setTimeout(TRUNCATE_TIMEOUT));
      }
      results.add(measure(variant, appenders, seconds, rounds, warmUpSeconds));
    }
    System.out.printf("%nSummary: %d rounds of %d s per appender and variant, after %d s of warm-up each%n",
        rounds, seconds, warmUpSeconds);
    System.out.println("| variant | appender | events/s | CPU µs per save (saving threads / machine) | failed"
        + " saves | vs raw (median of per-round ratios) | vs conditional | saving threads' CPU per save against"
        + " conditional, as a share of the machine's |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Result result : results) {
      Figure raw = result.raw();
      System.out.printf("| %s | %s | %,.0f | %.0f / %.0f | %d | 100.0 %% | — | — |%n", result.variant(),
          raw.appender(), raw.eventsPerSecond(), raw.cpuMicrosPerSave(), raw.machineCpuMicrosPerSave(),
          raw.failedSaves());
      Figure baseline = result.mode(CONDITIONAL).figure();
      for (ModeResult mode : result.modes()) {
        Figure f = mode.figure();
        // what the mode adds on the client, against all the machine spends on a conditional save: on a machine
        // that the node saturates, the share of the rate the mode's client work takes from the node
        double added = f.cpuMicrosPerSave() - baseline.cpuMicrosPerSave();
        System.out.printf("| %s | %s | %,.0f | %.0f / %.0f | %d | %.1f %% | %.1f %% | %s |%n", result.variant(),
            mode.mode().name(), f.eventsPerSecond(), f.cpuMicrosPerSave(), f.machineCpuMicrosPerSave(),
            f.failedSaves(), 100 * mode.vsRaw(), 100 * mode.vsConditional(), mode.mode().equals(CONDITIONAL) ? "—"
                : String.format("%+.0f µs, %+.1f %%", added, 100 * added / baseline.machineCpuMicrosPerSave()));
      }
    }
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    return results;
  }

  /**
   * Warm-up, then rounds in which the appenders (the raw driver, then one per mode) take turns in a rotating
   * order.
   */
  private static Result measure(Variant variant, List<Appender> appenders, int seconds, int rounds,
      int warmUpSeconds) {
    System.out.printf("%n%s: warm-up %d s per appender%n", variant, warmUpSeconds);
    for (Appender appender : appenders) {
      run(appender, variant, warmUpSeconds);
    }
    Round[][] measured = new Round[appenders.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int turn = 0; turn < appenders.size(); turn++) {
        int index = (turn + round) % appenders.size();
        measured[index][round] = run(appenders.get(index), variant, seconds);
      }
      StringBuilder line = new StringBuilder("round " + (round + 1) + ", events/s:");
      for (int a = 0; a < appenders.size(); a++) {
        Round r = measured[a][round];
        line.append(String.format("%s %s %,.0f", a == 0 ? "" : ",", a == 0 ? "raw" : MODES.get(a - 1).name(),
            r.eventsPerSecond()));
        if (r.failedSaves() > 0) {
          line.append(String.format(" (%d failed saves, first: %s)", r.failedSaves(), r.failure()));
        }
      }
      System.out.println(line);
    }

    Figure rawFigure = figure("raw driver, same conditional batch", measured[0]);
    int conditional = 1 + MODES.indexOf(CONDITIONAL);
    List<ModeResult> modes = new ArrayList<>();
    for (int m = 0; m < MODES.size(); m++) {
      modes.add(new ModeResult(MODES.get(m), figure(MODES.get(m).name(), measured[m + 1]),
          medianRatio(measured[m + 1], measured[0]), medianRatio(measured[m + 1], measured[conditional])));
    }
    System.out.printf("%s, %d saves per aggregate, %d rounds of %d s per appender%n", variant,
        SAVES_PER_AGGREGATE, rounds, seconds);
    System.out.println("| appender | events/s | save p50 / p99 ms | saving thread's CPU µs per save | machine's CPU"
        + " µs per save | failed saves | vs raw (median of per-round ratios) |");
    System.out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
    System.out.printf("| %s | %,.0f | %.2f / %.2f | %.0f | %.0f | %d | 100.0 %% |%n", rawFigure.appender(),
        rawFigure.eventsPerSecond(), rawFigure.p50Ms(), rawFigure.p99Ms(), rawFigure.cpuMicrosPerSave(),
        rawFigure.machineCpuMicrosPerSave(), rawFigure.failedSaves());
    for (ModeResult mode : modes) {
      Figure f = mode.figure();
      System.out.printf("| %s | %,.0f | %.2f / %.2f | %.0f | %.0f | %d | %.1f %% |%n", f.appender(),
          f.eventsPerSecond(), f.p50Ms(), f.p99Ms(), f.cpuMicrosPerSave(), f.machineCpuMicrosPerSave(),
          f.failedSaves(), 100 * mode.vsRaw());
    }
    return new Result(variant, rawFigure, List.copyOf(modes));
  }

  private static Figure figure(String appender, Round[] rounds) {
    long events = Arrays.stream(rounds).mapToLong(Round::events).sum();
    double seconds = Arrays.stream(rounds).mapToDouble(Round::seconds).sum();
    long[] all = Arrays.stream(rounds).flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
    long failed = Arrays.stream(rounds).mapToLong(Round::failedSaves).sum();
    double cpuMicros = Arrays.stream(rounds).mapToLong(Round::cpuNanos).sum() / 1e3;
    double machineCpuMicros = Arrays.stream(rounds).anyMatch(r -> r.machineCpuNanos() < 0) ? Double.NaN
        : Arrays.stream(rounds).mapToLong(Round::machineCpuNanos).sum() / 1e3;
    return new Figure(appender, events / seconds, percentileMs(all, 0.5), percentileMs(all, 0.99), failed,
        cpuMicros / (all.length + failed), machineCpuMicros / (all.length + failed));
  }

  private static double percentileMs(long[] sortedNanos, double fraction) {
    return sortedNanos.length == 0 ? Double.NaN : sortedNanos[(int) (sortedNanos.length * fraction)] / 1e6;
  }

  private static double medianRatio(Round[] measured, Round[] baseline) {
    double[] ratios = new double[measured.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = measured[i].eventsPerSecond() / baseline[i].eventsPerSecond();
    }
    Arrays.sort(ratios);
    return ratios[ratios.length / 2];
  }

  /** {@code variant.inFlight()} threads save for {@code seconds}, each to its own new aggregates. */
  private static Round run(Appender appender, Variant variant, int seconds) {
    int threads = variant.inFlight();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[][] latencies = new long[threads][];
    long[] failed = new long[threads];
    String[] failures = new String[threads];
    long[] cpuNanos = new long[threads];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    CountDownLatch done = new CountDownLatch(threads);
    long machineStart = MachineCpu.busyNanos();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        long[] own = new long[1024];
        int n = 0;
        long cpuStart = cpu.getCurrentThreadCpuTime();
        try {
          while (System.nanoTime() < deadline) {
            Runnable save = appender.newAggregate(UUID.randomUUID(), variant.eventsPerSave());
            for (int s = 0; s < SAVES_PER_AGGREGATE && System.nanoTime() < deadline; s++) {
              long before = System.nanoTime();
              try {
                save.run();
              } catch (RuntimeException e) {
                // the outcome may be unknown: go on with a new aggregate, as the next request would
                failed[thread]++;
                if (failures[thread] == null) {
                  failures[thread] = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                break;
              }
              if (n == own.length) {
                own = Arrays.copyOf(own, n * 2);
              }
              own[n++] = System.nanoTime() - before;
            }
          }
        } finally {
          cpuNanos[thread] = cpu.getCurrentThreadCpuTime() - cpuStart;
          latencies[thread] = Arrays.copyOf(own, n);
          done.countDown();
        }
      });
      worker.start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while appending", e);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long machineEnd = MachineCpu.busyNanos();
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
    return new Round((long) all.length * variant.eventsPerSave(), elapsed, all, Arrays.stream(failed).sum(),
        Arrays.stream(failures).filter(Objects::nonNull).findFirst().orElse(null), Arrays.stream(cpuNanos).sum(),
        machineStart < 0 || machineEnd < 0 ? -1 : machineEnd - machineStart);
  }

  /**
   * What an application would write by hand: the statements the store prepares (same text, {@code user_id}
   * left unset as the store leaves it), in the same order, in a logged batch with the same consistency levels;
   * the payload is serialized once, up front.
   */
  private static final class RawDriverAppender implements Appender {
    private final CqlSession session;
    private final EventStoreOptions options;
    private final String payload;
    private final EventType<?> itemAdded = CART.eventTypes().get(0);
    private final PreparedStatement first;
    private final PreparedStatement next;
    private final PreparedStatement head;

    RawDriverAppender(CqlSession session, EventStoreOptions options, String payload) {
      this.session = session;
      this.options = options;
      this.payload = payload;
      String table = options.keyspace() + "." + options.eventsTable();
      String columns = "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts,"
          + " user_id, metadata, payload";
      first = session.prepare("INSERT INTO " + table + " (" + columns + ", head, dirty)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) IF NOT EXISTS");
      next = session.prepare("INSERT INTO " + table + " (" + columns + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      head = session.prepare("UPDATE " + table + " SET head = ?, dirty = true WHERE aggregate_id = ? IF head = ?");
    }

    @Override
    public Runnable newAggregate(UUID id, int eventsPerSave) {
      long[] version = {0};
      return () -> {
        save(id, version[0], eventsPerSave);
        version[0] += eventsPerSave;
      };
    }

    private void save(UUID id, long base, int events) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      long newHead = base + events;
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
          .setConsistencyLevel(options.writeConsistency())
          .setSerialConsistencyLevel(options.serialConsistency());
      if (base == 0) {
        batch.addStatement(row(first.boundStatementBuilder(), id, 1, now).setLong("head", newHead).build());
      } else {
        batch.addStatement(head.bind(newHead, id, base));
      }
      for (int i = base == 0 ? 1 : 0; i < events; i++) {
        batch.addStatement(row(next.boundStatementBuilder(), id, base + i + 1, now).build());
      }
      if (!session.execute(batch.build()).wasApplied()) {
        throw new IllegalStateException("conflict on " + id);
      }
    }

    private BoundStatementBuilder row(BoundStatementBuilder b, UUID id, long version, Instant now) {
      return b.setUuid("aggregate_id", id).setLong("version", version).setUuid("event_id", UUID.randomUUID())
          .setString("aggregate_type", CART.name()).setString("event_type", itemAdded.name())
          .setInt("event_revision", itemAdded.revision()).setInstant("ts", now)
          .setMap("metadata", Map.of(), String.class, String.class).setString("payload", payload);
    }
  }
}
