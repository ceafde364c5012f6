package dev.es.it.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
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
 * Loading a 1,000-event {@link Meter} (ten event types, no snapshot) through the generated {@code MeterRepository}
 * versus reading the same partition with the raw driver and decoding the JSON payloads with the same Jackson
 * mapper, applying them with a hand-written instanceof chain. Rounds alternate between the loaders in one run so
 * that other load on the machine hits all of them alike; the median of the per-round ratios is the robust figure.
 * Not a test: run it by hand (see docs/benchmarks.md, "Aggregate load").
 *
 * <p>Arguments: loads per loader per round (default 10), rounds (default 41). Short rounds, many of them, in a
 * rotating order: on a shared machine the load changes by the second, and a ratio within one round compares
 * loaders under the same conditions. Besides the wall time, the CPU time of the loading thread is measured
 * (decoding and applying happen there; the driver's I/O threads and the Cassandra node are not counted).
 */
public final class LoadBenchmark {

  private static final int EVENTS = 1000;
  private static final int EVENTS_PER_SAVE = 100;
  private static final String KEYSPACE = "es_bench_load";
  private static final String ALL_COLUMNS =
      "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id, metadata, payload";
  private static final GenericType<Map<String, String>> METADATA = GenericType.mapOf(String.class, String.class);

  /** Which columns the raw loader decodes from each row. */
  private enum Decode {
    /** event type, revision and payload only */
    NEEDED,
    /** every column by name, the metadata map through a {@code GenericType} built once */
    ALL_CONSTANT_MAP_TYPE,
    /** every column by name, the metadata map through {@code getMap(name, String.class, String.class)} */
    ALL_AS_THE_STORE
  }

  private LoadBenchmark() {}

  /** One way of loading the aggregate. */
  private record Loader(String name, Function<UUID, Meter> load) {}

  /**
   * The figures of one run.
   *
   * @param rawMs median ms per load of the raw three-column read
   * @param repositoryMs median ms per load through the generated repository
   * @param medianRatio median of the per-round repository / raw three-column ratios
   * @param medianRatioSameColumns the same against the raw read of the store's ten columns
   */
  public record Result(double rawMs, double repositoryMs, double medianRatio, double medianRatioSameColumns) {}

  public static void main(String[] args) throws Exception {
    int loadsPerRound = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 41;
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description());
      run(session, loadsPerRound, rounds);
    }
  }

  /** Runs the benchmark on an open session (in its own keyspace, dropped afterwards) and prints its table. */
  public static Result run(CqlSession session, int loadsPerRound, int rounds) throws Exception {
    {
      EventStoreOptions options = EventStoreOptions.builder().keyspace(KEYSPACE)
          .createKeyspace(Replication.simple(1)).build();
      CassandraEventStore store = new CassandraEventStore(session, options);
      store.initialize();
      MeterRepository meters = new MeterRepository(store);

      UUID id = UUID.randomUUID();
      List<MeterEvent> events = Dispatchers.stream(EVENTS, 7);
      Meter meter = Meter.install(id, "SN-1", "Hall 1");
      for (int i = 1; i < EVENTS; i++) {
        meter.record(events.get(i));
        if ((i + 1) % EVENTS_PER_SAVE == 0) {
          meters.save(meter);
        }
      }
      Meter.State expected = meter.state();

      List<Loader> loaders = List.of(
          new Loader("raw driver: 3 columns + Jackson + hand-written apply",
              new RawLoader(session, options, "event_type, event_revision, payload", Decode.NEEDED)),
          new Loader("raw driver: the store's 10 columns + Jackson + hand-written apply",
              new RawLoader(session, options, ALL_COLUMNS, Decode.NEEDED)),
          new Loader("as above, every column read by name as the store does, map via GenericType constant",
              new RawLoader(session, options, ALL_COLUMNS, Decode.ALL_CONSTANT_MAP_TYPE)),
          new Loader("as above, map read as getMap(name, String.class, String.class) as the store does",
              new RawLoader(session, options, ALL_COLUMNS, Decode.ALL_AS_THE_STORE)),
          new Loader("generated MeterRepository.load", meters::load));
      for (Loader loader : loaders) {
        Meter loaded = loader.load().apply(id);
        if (!loaded.state().equals(expected)) {
          throw new IllegalStateException(loader.name() + " loaded " + loaded.state() + ", expected " + expected);
        }
      }

      for (int i = 0; i < 3; i++) {
        for (Loader loader : loaders) {
          timeLoads(loader, id, 100); // warm-up: JIT, driver, Cassandra's caches
        }
      }
      double[][] msPerLoad = new double[loaders.size()][rounds];
      double[][] cpuMsPerLoad = new double[loaders.size()][rounds];
      for (int round = 0; round < rounds; round++) {
        StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
        for (int l = 0; l < loaders.size(); l++) {
          // rotate the order so that no loader always runs right after another
          int index = (l + round) % loaders.size();
          double[] timed = timeLoads(loaders.get(index), id, loadsPerRound);
          msPerLoad[index][round] = timed[0];
          cpuMsPerLoad[index][round] = timed[1];
        }
        for (int l = 0; l < loaders.size(); l++) {
          line.append(String.format(" %.2f ms", msPerLoad[l][round]));
        }
        System.out.println(line);
      }

      System.out.printf("%n%d events of 10 types, %d loads per loader per round, %d rounds, page size %d%n",
          EVENTS, loadsPerRound, rounds, options.pageSize());
      System.out.println("| loader | ms per load (median of rounds) | best round | vs raw, 3 columns (median of"
          + " per-round ratios) | loading thread's CPU ms per load (median) |");
      System.out.println("| --- | ---: | ---: | ---: | ---: |");
      for (int l = 0; l < loaders.size(); l++) {
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratios[r] = msPerLoad[l][r] / msPerLoad[0][r];
        }
        System.out.printf("| %s | %.2f | %.2f | %.2f× | %.2f |%n", loaders.get(l).name(), median(msPerLoad[l]),
            Arrays.stream(msPerLoad[l]).min().orElseThrow(), median(ratios), median(cpuMsPerLoad[l]));
      }
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      int repository = loaders.size() - 1;
      double[] vsRaw = new double[rounds];
      double[] vsSameColumns = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        vsRaw[r] = msPerLoad[repository][r] / msPerLoad[0][r];
        vsSameColumns[r] = msPerLoad[repository][r] / msPerLoad[1][r];
      }
      return new Result(median(msPerLoad[0]), median(msPerLoad[repository]), median(vsRaw), median(vsSameColumns));
    }
  }

  /** Mean wall and loading-thread CPU milliseconds per load over {@code loads} sequential loads. */
  private static double[] timeLoads(Loader loader, UUID id, int loads) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < loads; i++) {
      sink += loader.load().apply(id).total;
    }
    double ms = (System.nanoTime() - start) / 1e6 / loads;
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / loads;
    if (sink == 42) {
      System.out.print(""); // keeps the loads observable
    }
    return new double[] {ms, cpuMs};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * What an application would write by hand: one query for the partition with the store's page size and read
   * consistency, the payload decoded by type name with prepared Jackson readers (the store's mapper), applied
   * with a hand-written instanceof chain.
   */
  private static final class RawLoader implements Function<UUID, Meter> {
    private final CqlSession session;
    private final PreparedStatement select;
    private final int pageSize;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    private final Decode decode;

    RawLoader(CqlSession session, EventStoreOptions options, String columns, Decode decode) {
      this.session = session;
      this.decode = decode;
      this.pageSize = options.pageSize();
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
          .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
      Meter meter = new Meter(id);
      List<String> unknown = new ArrayList<>(0);
      long checksum = 0;
      for (Row row : rows) {
        if (decode != Decode.NEEDED) {
          checksum += row.getUuid("aggregate_id").hashCode() + row.getLong("version")
              + row.getUuid("event_id").hashCode() + row.getString("aggregate_type").length()
              + row.getInstant("ts").getNano() + (row.getString("user_id") == null ? 0 : 1)
              + (decode == Decode.ALL_AS_THE_STORE ? row.getMap("metadata", String.class, String.class)
                  : row.get("metadata", METADATA)).size();
        }
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
      if (!unknown.isEmpty() || checksum == 42) {
        throw new IllegalStateException("unknown events " + unknown);
      }
      return meter;
    }
  }
}
