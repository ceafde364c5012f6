package dev.es.it.feed.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.internal.EventRows;
import dev.es.runtime.projection.InlineProjection;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The feed's costs, in one run: publishing throughput, catch-up throughput of a projection against reading the
 * same events straight from their partitions, and the delay from append to an inline and to a catch-up
 * projection. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: events to publish and catch up on (default 20000), delay samples (default 1000).
 */
public final class FeedBenchmark {

  /** The benchmark's event. */
  public record ItemAdded(String sku, int quantity, BigDecimal price) {}

  private static final String KEYSPACE = "es_bench_feed";
  private static final int STREAMS = 200;
  private static final int EVENTS_PER_APPEND = 10;
  private static final ItemAdded EVENT = new ItemAdded("SKU-1234567", 3, new BigDecimal("19.99"));

  private FeedBenchmark() {}

  /**
   * The figures of one run.
   *
   * @param publishPerSecond events published to the feed per second
   * @param catchUpPerSecond events a catch-up projection handled per second
   * @param rawReadPerSecond the baseline: events read from their partitions and decoded per second
   * @param inlineP50Ms append to inline projection, p50
   * @param inlineP99Ms append to inline projection, p99
   * @param catchUpP50Ms append to catch-up projection, p50
   * @param catchUpP99Ms append to catch-up projection, p99
   */
  public record Result(double publishPerSecond, double catchUpPerSecond, double rawReadPerSecond,
      double inlineP50Ms, double inlineP99Ms, double catchUpP50Ms, double catchUpP99Ms) {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      run(session, events, samples);
    }
  }

  /** Runs the benchmark on an open session (in its own keyspace) and prints its figures. */
  public static Result run(CqlSession session, int events, int samples) throws Exception {
    if (events <= 0 || events % (STREAMS * EVENTS_PER_APPEND) != 0) {
      throw new IllegalArgumentException("events must be a positive multiple of " + STREAMS * EVENTS_PER_APPEND
          + " (" + STREAMS + " streams, " + EVENTS_PER_APPEND + " events per append), was " + events);
    }
    {
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      CassandraEventStore store = new CassandraEventStore(session,
          EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(Replication.simple(1)).build(),
          new EventRegistry().register(EventType.current("ItemAdded", 1, ItemAdded.class)));
      store.initialize();
      Feed feed = new Feed(session, store, FeedOptions.defaults().withPollInterval(Duration.ofMillis(5)));
      feed.initialize();

      List<UUID> streams = appendInBulk(store, events);
      double publishSeconds = time(() -> {
        try (FeedPublishers publishers = feed.startPublishing("bench")) {
          while (feed.headPosition(0) < events) {
            Thread.sleep(5);
          }
        }
      });
      double catchUpSeconds = catchUp(feed, events);
      double rawSeconds = time(() -> readPartitions(session, store, streams, events));
      System.out.printf("publish:  %,10.0f events/s (%d events, %.2f s)%n", events / publishSeconds, events,
          publishSeconds);
      System.out.printf("catch-up: %,10.0f events/s (%.2f s)%n", events / catchUpSeconds, catchUpSeconds);
      System.out.printf("raw reads of the same partitions + decoding: %,10.0f events/s (%.2f s); catch-up / raw = %.0f %%%n",
          events / rawSeconds, rawSeconds, 100 * rawSeconds / catchUpSeconds);

      double[] delays = delays(store, feed, samples);
      return new Result(events / publishSeconds, events / catchUpSeconds, events / rawSeconds,
          delays[0], delays[1], delays[2], delays[3]);
    }
  }

  /** Appends {@code events} events, ten per append, over {@value #STREAMS} streams with 16 threads. */
  private static List<UUID> appendInBulk(CassandraEventStore store, int events) throws Exception {
    List<UUID> streams = IntStream.range(0, STREAMS).mapToObj(i -> UUID.randomUUID()).toList();
    int appendsPerStream = events / STREAMS / EVENTS_PER_APPEND;
    ExecutorService threads = Executors.newFixedThreadPool(16);
    List<Future<?>> done = new ArrayList<>();
    for (UUID id : streams) {
      done.add(threads.submit(() -> {
        for (int a = 0; a < appendsPerStream; a++) {
          store.append("Cart", id, a == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(a * EVENTS_PER_APPEND),
              java.util.Collections.nCopies(EVENTS_PER_APPEND, EVENT));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    threads.shutdown();
    return streams;
  }

  /** A projection that only counts, run from position zero until it has seen every event. */
  private static double catchUp(Feed feed, int events) {
    AtomicLong seen = new AtomicLong();
    Projection counting = new Projection() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void handle(FeedEvent event) {
        seen.incrementAndGet();
      }
    };
    return time(() -> {
      try (ProjectionRunner runner = ProjectionRunner.builder(feed).add(counting).batchSize(500).build().start()) {
        while (seen.get() < events) {
          Thread.sleep(2);
        }
      }
    });
  }

  /** The baseline: every stream's partition read and decoded, one after the other, as a consumer would. */
  private static void readPartitions(CqlSession session, CassandraEventStore store, List<UUID> streams, int events) {
    PreparedStatement read = session.prepare("SELECT * FROM " + KEYSPACE + ".events WHERE aggregate_id = ?");
    long decoded = 0;
    for (UUID id : streams) {
      for (Row row : session.execute(read.bind(id).setPageSize(500))) {
        EventRows.decode(store, row);
        decoded++;
      }
    }
    if (decoded != events) {
      throw new IllegalStateException("read " + decoded + " events, expected " + events);
    }
  }

  /** Appends one event at a time, and measures until an inline and a catch-up projection have it. */
  private static double[] delays(CassandraEventStore store, Feed feed, int samples) throws Exception {
    Map<UUID, Long> started = new ConcurrentHashMap<>();
    long[] inline = new long[samples];
    long[] catchUp = new long[samples];
    AtomicLong inlineCount = new AtomicLong();
    AtomicLong catchUpCount = new AtomicLong();
    InlineProjection.register(store, recorder("inline", started, inline, inlineCount));
    try (FeedPublishers publishers = feed.startPublishing("bench");
        ProjectionRunner runner = ProjectionRunner.builder(feed)
            .add(recorder("delay", started, catchUp, catchUpCount)).build().start()) {
      Thread.sleep(1_000); // the runner takes its lease and reaches the end of the feed
      UUID id = UUID.randomUUID();
      for (int i = 0; i < samples; i++) {
        UUID eventId = UUID.randomUUID();
        started.put(eventId, System.nanoTime());
        store.appendEvents("Cart", id, i == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(i),
            List.of(new NewEvent(eventId, EVENT, null, EventMetadata.empty())));
        Thread.sleep(10);
      }
      while (catchUpCount.get() < samples) {
        Thread.sleep(10);
      }
    }
    System.out.printf("append -> inline projection:   p50 %6.2f ms, p99 %6.2f ms%n", pct(inline, 50), pct(inline, 99));
    System.out.printf("append -> catch-up projection: p50 %6.2f ms, p99 %6.2f ms%n", pct(catchUp, 50), pct(catchUp, 99));
    return new double[] {pct(inline, 50), pct(inline, 99), pct(catchUp, 50), pct(catchUp, 99)};
  }

  private static Projection recorder(String name, Map<UUID, Long> started, long[] delays, AtomicLong count) {
    return new Projection() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void handle(FeedEvent event) {
        Long start = started.get(event.envelope().eventId());
        if (start != null) {
          int i = (int) count.getAndIncrement();
          if (i < delays.length) {
            delays[i] = System.nanoTime() - start;
          }
        }
      }
    };
  }

  private static double pct(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static double time(Timed work) {
    long start = System.nanoTime();
    try {
      work.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
