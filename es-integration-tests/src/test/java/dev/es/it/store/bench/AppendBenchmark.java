package dev.es.it.store.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.Replication;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Appends through {@link CassandraEventStore} versus the raw driver sending the same conditional batch, with the
 * same concurrency, alternating rounds in one run. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: seconds per round (default 10), rounds per side (default 9). Many short alternating rounds
 * make the per-round ratio robust against other load on the machine.
 */
public final class AppendBenchmark {

  /** The event appended, ten per append. */
  public record ItemAdded(String sku, int quantity, BigDecimal price) {}

  private static final int IN_FLIGHT = 32;
  private static final int EVENTS_PER_APPEND = 10;
  private static final int APPENDS_PER_STREAM = 20;
  private static final String KEYSPACE = "es_bench";
  private static final ItemAdded EVENT = new ItemAdded("SKU-1234567", 3, new BigDecimal("19.99"));

  /** Appends {@code EVENTS_PER_APPEND} events to a stream at an exact expected version. */
  private interface Appender {
    void append(UUID aggregateId, long expectedVersion);
  }

  private record Round(long events, double seconds, long[] latenciesNanos) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  /**
   * The figures of one run.
   *
   * @param rawEventsPerSecond the raw driver's rate over all rounds
   * @param storeEventsPerSecond the store's rate over all rounds
   * @param medianRatio the median of the per-round store / raw ratios
   */
  public record Result(double rawEventsPerSecond, double storeEventsPerSecond, double medianRatio) {}

  private AppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description() + ", paxos_variant "
          + System.getProperty("es.cassandra.paxos", "v1 (testkit default)") + " if embedded");
      run(session, seconds, rounds);
    }
  }

  /** Runs the benchmark on an open session (in its own keyspace, dropped afterwards) and prints its table. */
  public static Result run(CqlSession session, int seconds, int rounds) throws Exception {
    {
      EventStoreOptions options = EventStoreOptions.builder().keyspace(KEYSPACE)
          .createKeyspace(Replication.simple(1)).build();
      CassandraEventStore store = new CassandraEventStore(session, options,
          new EventRegistry().register(EventType.current("ItemAdded", 1, ItemAdded.class)));
      store.initialize();
      List<ItemAdded> payloads = java.util.Collections.nCopies(EVENTS_PER_APPEND, EVENT);
      Appender viaStore = (id, expected) ->
          store.append("Cart", id, ExpectedVersion.exactly(expected), payloads);
      Appender raw = new RawDriverAppender(session, options,
          new EventSerializer(EventSerializer.defaultObjectMapper()).write(EVENT));

      run(raw, 5);
      run(viaStore, 5);
      List<Round> rawRounds = new ArrayList<>();
      List<Round> storeRounds = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        rawRounds.add(run(raw, seconds));
        storeRounds.add(run(viaStore, seconds));
        System.out.printf("round %d: raw %.0f events/s, store %.0f events/s%n", i + 1,
            rawRounds.get(i).eventsPerSecond(), storeRounds.get(i).eventsPerSecond());
      }
      double rawRate = total(rawRounds);
      double storeRate = total(storeRounds);
      System.out.printf("%n%d in flight, %d events per append, %d rounds of %d s per side%n",
          IN_FLIGHT, EVENTS_PER_APPEND, rounds, seconds);
      System.out.println("| appender | events/s | append p50 / p99 ms |");
      System.out.println("| --- | ---: | --- |");
      System.out.printf("| raw driver, same conditional batch | %,.0f | %s |%n", rawRate, percentiles(rawRounds));
      System.out.printf("| CassandraEventStore.append | %,.0f | %s |%n", storeRate, percentiles(storeRounds));
      double[] ratios = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        ratios[i] = storeRounds.get(i).eventsPerSecond() / rawRounds.get(i).eventsPerSecond();
      }
      Arrays.sort(ratios);
      System.out.printf("store / raw = %.1f %% over all rounds, median of per-round ratios %.1f %%%n",
          100 * storeRate / rawRate, 100 * ratios[rounds / 2]);
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      return new Result(rawRate, storeRate, ratios[rounds / 2]);
    }
  }

  private static double total(List<Round> rounds) {
    long events = rounds.stream().mapToLong(Round::events).sum();
    double seconds = rounds.stream().mapToDouble(Round::seconds).sum();
    return events / seconds;
  }

  private static String percentiles(List<Round> rounds) {
    long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
    return String.format("%.2f / %.2f", all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
  }

  /** {@code IN_FLIGHT} threads append for {@code seconds}, each to its own streams. */
  private static Round run(Appender appender, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[][] latencies = new long[IN_FLIGHT][];
    long[] counts = new long[IN_FLIGHT];
    CountDownLatch done = new CountDownLatch(IN_FLIGHT);
    long start = System.nanoTime();
    for (int t = 0; t < IN_FLIGHT; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        long[] own = new long[1 << 16];
        int n = 0;
        try {
          while (System.nanoTime() < deadline) {
            UUID id = UUID.randomUUID();
            for (int a = 0; a < APPENDS_PER_STREAM && System.nanoTime() < deadline; a++) {
              long before = System.nanoTime();
              appender.append(id, (long) a * EVENTS_PER_APPEND);
              if (n == own.length) {
                own = Arrays.copyOf(own, n * 2);
              }
              own[n++] = System.nanoTime() - before;
            }
          }
        } finally {
          latencies[thread] = Arrays.copyOf(own, n);
          counts[thread] = (long) n * EVENTS_PER_APPEND;
          done.countDown();
        }
      });
      worker.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Round(Arrays.stream(counts).sum(), elapsed,
        Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray());
  }

  /** What an application would write by hand: the same statements, batch and consistency levels. */
  private static final class RawDriverAppender implements Appender {
    private final CqlSession session;
    private final String payload;
    private final PreparedStatement first;
    private final PreparedStatement next;
    private final PreparedStatement head;

    RawDriverAppender(CqlSession session, EventStoreOptions options, String payload) {
      this.session = session;
      this.payload = payload;
      String table = options.keyspace() + "." + options.eventsTable();
      String columns = "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, metadata,"
          + " payload";
      first = session.prepare("INSERT INTO " + table + " (" + columns + ", head, dirty)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) IF NOT EXISTS");
      next = session.prepare("INSERT INTO " + table + " (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      head = session.prepare("UPDATE " + table + " SET head = ?, dirty = true WHERE aggregate_id = ? IF head = ?");
    }

    @Override
    public void append(UUID id, long expected) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      long newHead = expected + EVENTS_PER_APPEND;
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
          .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
          .setSerialConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL);
      for (int i = 0; i < EVENTS_PER_APPEND; i++) {
        long version = expected + i + 1;
        if (expected == 0 && i == 0) {
          batch.addStatement(row(first.boundStatementBuilder(), id, version, now).setLong("head", newHead).build());
        } else {
          batch.addStatement(row(next.boundStatementBuilder(), id, version, now).build());
        }
      }
      if (expected > 0) {
        batch.addStatement(head.bind(newHead, id, expected));
      }
      if (!session.execute(batch.build()).wasApplied()) {
        throw new IllegalStateException("conflict on " + id);
      }
    }

    private BoundStatementBuilder row(BoundStatementBuilder b, UUID id, long version, Instant now) {
      return b.setUuid("aggregate_id", id).setLong("version", version).setUuid("event_id", UUID.randomUUID())
          .setString("aggregate_type", "Cart").setString("event_type", "ItemAdded").setInt("event_revision", 1)
          .setInstant("ts", now).setMap("metadata", Map.of(), String.class, String.class)
          .setString("payload", payload);
    }
  }
}
