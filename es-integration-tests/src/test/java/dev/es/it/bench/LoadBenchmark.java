package dev.es.it.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.Replication;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Loading {@link Meter}s of {@link #LENGTHS} events (ten event types, no snapshots) through the generated
 * {@code MeterRepository} versus reading the same partition with the raw driver and decoding the JSON payloads
 * with the same Jackson mapper, applying them with a hand-written instanceof chain; and loading
 * {@link SnapshottedMeter}s of the same histories ({@code snapshotEvery = 100}) through the generated
 * {@code SnapshottedMeterRepository}, against the 100-event one: with snapshots the load time should not grow
 * with the history. Every case runs in every round, in a rotating order, so that other load on the machine hits
 * all of them alike; the median of the per-round ratios is the robust figure. Not a test: run it by hand (see
 * docs/benchmarks.md, "Aggregate load").
 *
 * <p>Arguments: milliseconds of loading per case and round (default 200), rounds (default 41). A case loads
 * its aggregate again and again until that time is spent, so that short and long histories are measured with
 * similar precision. Besides the wall time, the CPU time of the loading thread is measured (decoding and applying
 * happen there; the driver's I/O threads and the Cassandra node are not counted).
 */
public final class LoadBenchmark {

  /** The history lengths loaded, with and without snapshots. */
  public static final List<Integer> LENGTHS = List.of(10, 100, 1_000, 10_000);

  /** The snapshotted history the others are compared with. */
  public static final int SNAPSHOT_BASELINE = 100;

  private static final int EVENTS_PER_SAVE = 100;
  /**
   * Events after the newest snapshot in every snapshotted history: the mean tail with a snapshot every 100 events
   * (saves of 100 events end at versions 50, 150, …, each writing a snapshot once a multiple of 100 is crossed).
   */
  private static final int TAIL = SnapshottedMeter.SNAPSHOT_EVERY / 2;
  private static final String KEYSPACE = "es_bench_load";
  private static final String ALL_COLUMNS =
      "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id, metadata, payload";
  private static final String RAW = "raw driver: 3 columns + Jackson + hand-written apply";
  private static final String RAW_SAME_COLUMNS = "raw driver: the store's 10 columns + Jackson + hand-written apply";
  private static final String REPOSITORY = "generated MeterRepository.load";
  private static final String SNAPSHOTTED = "generated SnapshottedMeterRepository.load (snapshotEvery = 100)";

  private LoadBenchmark() {}

  /** One measured case: a way of loading one history. */
  private record Case(int events, String loader, UUID id, Function<UUID, ? extends Meter> load, Meter.State expected) {}

  /**
   * The figures of one history length, in ms per load (medians of the rounds) and medians of per-round ratios.
   *
   * @param rawMs the raw three-column read
   * @param sameColumnsMs the raw read of the store's ten columns
   * @param repositoryMs {@code MeterRepository.load} (no snapshots)
   * @param vsRaw repository / raw three-column read
   * @param vsSameColumns repository / raw ten-column read
   * @param snapshottedMs {@code SnapshottedMeterRepository.load}
   * @param snapshottedVsBaseline snapshotted / the snapshotted load of {@link #SNAPSHOT_BASELINE} events
   */
  public record Result(int events, double rawMs, double sameColumnsMs, double repositoryMs, double vsRaw,
      double vsSameColumns, double snapshottedMs, double snapshottedVsBaseline) {}

  public static void main(String[] args) throws Exception {
    int msPerCase = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 41;
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description());
      run(session, msPerCase, rounds);
    }
  }

  /** Runs the benchmark on an open session (in its own keyspace, dropped afterwards) and prints its table. */
  public static List<Result> run(CqlSession session, int msPerCase, int rounds) {
    EventStoreOptions options = EventStoreOptions.builder().keyspace(KEYSPACE)
        .createKeyspace(Replication.simple(1)).build();
    CassandraEventStore store = new CassandraEventStore(session, options);
    store.initialize();
    MeterRepository meters = new MeterRepository(store);
    SnapshottedMeterRepository snapshotted = new SnapshottedMeterRepository(store);
    Function<UUID, Meter> raw = new RawLoader(session, options, "event_type, event_revision, payload");
    Function<UUID, Meter> rawSameColumns = new RawLoader(session, options, ALL_COLUMNS);

    List<Case> cases = new ArrayList<>();
    for (int events : LENGTHS) {
      List<MeterEvent> history = Dispatchers.stream(events, 7);
      UUID id = UUID.randomUUID();
      Meter meter = new Meter(id);
      for (int i = 0; i < events; i++) {
        meter.record(history.get(i));
        if ((i + 1) % EVENTS_PER_SAVE == 0 || i + 1 == events) {
          meters.save(meter);
        }
      }
      cases.add(new Case(events, RAW, id, raw, meter.state()));
      cases.add(new Case(events, RAW_SAME_COLUMNS, id, rawSameColumns, meter.state()));
      cases.add(new Case(events, REPOSITORY, id, meters::load, meter.state()));
      UUID snapshottedId = UUID.randomUUID();
      cases.add(new Case(events, SNAPSHOTTED, snapshottedId, snapshotted::load,
          saveWithSnapshots(store, snapshotted, snapshottedId, history)));
    }
    for (Case c : cases) {
      Meter.State loaded = c.load().apply(c.id()).state();
      if (!loaded.equals(c.expected())) {
        throw new IllegalStateException(c.loader() + " loaded " + loaded + " for " + c.events() + " events, expected "
            + c.expected());
      }
    }

    for (int i = 0; i < 3; i++) {
      for (Case c : cases) {
        timeLoads(c, msPerCase); // warm-up: JIT, driver, Cassandra's caches
      }
    }
    double[][] msPerLoad = new double[cases.size()][rounds];
    double[][] cpuMsPerLoad = new double[cases.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int turn = 0; turn < cases.size(); turn++) {
        // rotate the order so that no case always runs right after another
        int index = (turn + round) % cases.size();
        double[] timed = timeLoads(cases.get(index), msPerCase);
        msPerLoad[index][round] = timed[0];
        cpuMsPerLoad[index][round] = timed[1];
      }
      StringBuilder line = new StringBuilder("round " + (round + 1) + " (ms per load):");
      for (int c = 0; c < cases.size(); c++) {
        line.append(String.format(" %.2f", msPerLoad[c][round]));
      }
      System.out.println(line);
    }

    System.out.printf("%nten event types, %d rounds of %d ms per case, page size %d; snapshotted histories end %d"
        + " events after their newest snapshot%n", rounds, msPerCase, options.pageSize(), TAIL);
    System.out.println("| events | loader | ms per load (median of rounds) | best round | ratio (median of per-round"
        + " ratios) | loading thread's CPU ms per load (median) |");
    System.out.println("| ---: | --- | ---: | ---: | ---: | ---: |");
    int baseline = indexOf(cases, SNAPSHOT_BASELINE, SNAPSHOTTED);
    for (int c = 0; c < cases.size(); c++) {
      Case current = cases.get(c);
      boolean isSnapshotted = current.loader().equals(SNAPSHOTTED);
      int against = isSnapshotted ? baseline : indexOf(cases, current.events(), RAW);
      System.out.printf("| %,d | %s | %.2f | %.2f | %.2f× %s | %.2f |%n", current.events(), current.loader(),
          median(msPerLoad[c]), Arrays.stream(msPerLoad[c]).min().orElseThrow(),
          medianRatio(msPerLoad[c], msPerLoad[against]),
          isSnapshotted ? "vs snapshotted " + SNAPSHOT_BASELINE : "vs raw, 3 columns", median(cpuMsPerLoad[c]));
    }
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);

    List<Result> results = new ArrayList<>();
    for (int events : LENGTHS) {
      double[] rawMs = msPerLoad[indexOf(cases, events, RAW)];
      double[] sameColumnsMs = msPerLoad[indexOf(cases, events, RAW_SAME_COLUMNS)];
      double[] repositoryMs = msPerLoad[indexOf(cases, events, REPOSITORY)];
      double[] snapshottedMs = msPerLoad[indexOf(cases, events, SNAPSHOTTED)];
      results.add(new Result(events, median(rawMs), median(sameColumnsMs), median(repositoryMs),
          medianRatio(repositoryMs, rawMs), medianRatio(repositoryMs, sameColumnsMs), median(snapshottedMs),
          medianRatio(snapshottedMs, msPerLoad[baseline])));
    }
    return results;
  }

  /**
   * Saves the history through the repository in saves of 100 events ending at versions 50, 150, … — each save
   * that crosses a multiple of 100 writes a snapshot — and appends the last {@link #TAIL} events with the same
   * {@code CassandraEventStore.append} the repository makes, without its snapshot step, so that every load reads
   * the newest snapshot plus {@link #TAIL} events (a history under 200 events has no snapshot). Checks where the
   * newest snapshot is.
   *
   * @return the state after the whole history
   */
  private static Meter.State saveWithSnapshots(CassandraEventStore store, SnapshottedMeterRepository repository,
      UUID id, List<MeterEvent> history) {
    SnapshottedMeter meter = new SnapshottedMeter(id);
    for (int i = 0; i < history.size(); i++) {
      meter.record(history.get(i));
      int version = i + 1;
      if (version % EVENTS_PER_SAVE == TAIL && version <= history.size() - TAIL) {
        repository.save(meter);
      }
    }
    store.append(new SnapshottedMeter_AggregateType().name(), id, ExpectedVersion.exactly(meter.version()),
        meter.uncommittedEvents());
    long newest = store.snapshotsAtOrBelow(id, Long.MAX_VALUE).findFirst().map(StoredSnapshot::version).orElse(0L);
    long expected = history.size() >= 2 * SnapshottedMeter.SNAPSHOT_EVERY ? history.size() - TAIL : 0;
    if (newest != expected) {
      throw new IllegalStateException("newest snapshot of the " + history.size() + "-event history at version "
          + newest + ", expected " + expected);
    }
    return meter.state();
  }

  private static int indexOf(List<Case> cases, int events, String loader) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).events() == events && cases.get(i).loader().equals(loader)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no case " + loader + " of " + events + " events");
  }

  /**
   * Loads the case's aggregate until {@code ms} milliseconds have passed; returns the mean wall and
   * loading-thread CPU milliseconds per load.
   */
  private static double[] timeLoads(Case c, int ms) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    int loads = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + ms * 1_000_000L;
    long now;
    do {
      sink += c.load().apply(c.id()).total;
      loads++;
      now = System.nanoTime();
    } while (now < end);
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / loads;
    if (sink == 42) {
      System.out.print(""); // keeps the loads observable
    }
    return new double[] {(now - start) / 1e6 / loads, cpuMs};
  }

  private static double medianRatio(double[] measured, double[] baseline) {
    double[] ratios = new double[measured.length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = measured[r] / baseline[r];
    }
    return median(ratios);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * What an application would write by hand: one query for the partition with the store's page size and read
   * consistency, the payload decoded by type name with prepared Jackson readers (the store's mapper), applied
   * with a hand-written instanceof chain. Reads {@code columns}, decodes only type, revision and payload.
   */
  private static final class RawLoader implements Function<UUID, Meter> {
    private final CqlSession session;
    private final PreparedStatement select;
    private final int pageSize;
    private final ConsistencyLevel consistency;
    private final Map<String, ObjectReader> readers = new HashMap<>();

    RawLoader(CqlSession session, EventStoreOptions options, String columns) {
      this.session = session;
      this.pageSize = options.pageSize();
      this.consistency = options.readConsistency();
      this.select = session.prepare("SELECT " + columns + " FROM " + options.keyspace() + "."
          + options.eventsTable() + " WHERE aggregate_id = ?");
      ObjectMapper mapper = EventSerializer.defaultObjectMapper();
      for (EventType<?> type : new Meter_AggregateType().eventTypes()) {
        readers.put(type.name(), mapper.readerFor(type.javaClass()));
      }
    }

    @Override
    public Meter apply(UUID id) {
      ResultSet rows = session.execute(select.bind(id).setPageSize(pageSize)
          .setConsistencyLevel(consistency));
      Meter meter = new Meter(id);
      List<String> unknown = new ArrayList<>(0);
      for (Row row : rows) {
        ObjectReader reader = readers.get(row.getString("event_type"));
        if (reader == null || row.getInt("event_revision") != 1) {
          unknown.add(row.getString("event_type"));
          continue;
        }
        try {
          Dispatchers.handWritten(meter, reader.readValue(row.getString("payload")));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalStateException("unknown events " + unknown);
      }
      return meter;
    }
  }
}
