package dev.es.it.feed.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What the publisher's two ways of finding dirty streams cost once many streams have been written and published
 * (docs/benchmarks.md, "Finding dirty streams"): the sweep of the {@code dirty} index, whose memtable entries go
 * stale as {@code dirty} flips, against the recent query on the immutable {@code ts} index. Writes one event to
 * each of N streams, publishes them all (nothing is dirty any more), appends to one stream, then times each query
 * (the same CQL as {@code DirtyStreamFinder}'s). Not a test: run it by hand.
 *
 * <p>Arguments: the stream counts to measure at, in increasing order (default 2000 20000).
 */
public final class DirtyQueryBenchmark {

  private static final String KEYSPACE = "es_dirty_bench";
  private static final int RUNS = 20;

  /** The benchmark's event. */
  public record Noted(String text) {}

  private DirtyQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (String arg : args) {
      counts.add(Integer.parseInt(arg));
    }
    if (counts.isEmpty()) {
      counts = List.of(2_000, 20_000);
    }
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description());
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      CassandraEventStore store = new CassandraEventStore(session,
          EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(Replication.simple(1)).build(),
          new EventRegistry().register(EventType.current("Noted", 1, Noted.class)));
      store.initialize();
      Feed feed = new Feed(session, store, FeedOptions.defaults().withShards(1));
      feed.initialize();
      FeedPublisher publisher = feed.publisher(0, "bench");
      String select = "SELECT aggregate_id, token(aggregate_id) AS stream_token, dirty, head,"
          + " writetime(head) AS head_written, published, writetime(published) AS published_written FROM "
          + KEYSPACE + ".events WHERE ";
      String range = " AND token(aggregate_id) >= ? AND token(aggregate_id) <= ? PER PARTITION LIMIT 1 LIMIT 1000";
      PreparedStatement sweep = session.prepare(select + "dirty = true" + range);
      PreparedStatement recent = session.prepare(select + "ts >= ?" + range);
      long first = Long.MIN_VALUE; // one shard: the whole token ring
      long last = Long.MAX_VALUE;
      System.out.println("| streams written and published | sweep (dirty = true), ms | recent (ts >= now - 2 s), ms |");
      System.out.println("| ---: | ---: | ---: |");
      int written = 0;
      for (int count : counts) {
        appendToNewStreams(store, count - written);
        written = count;
        while (publisher.publishOnce() > 0) {
          // publish every stream, so that none is dirty
        }
        UUID fresh = UUID.randomUUID();
        store.append("Note", fresh, ExpectedVersion.noStream(), List.of(new Noted("fresh")));
        double sweepMs = millis(session, () -> sweep.bind(first, last));
        double recentMs = millis(session, () -> recent.bind(Instant.now().minus(Duration.ofSeconds(2)), first, last));
        System.out.printf("| %,d | %.1f | %.1f |%n", count, sweepMs, recentMs);
        while (publisher.publishOnce() > 0) {
          // and the fresh one
        }
      }
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }
  }

  private static void appendToNewStreams(CassandraEventStore store, int streams) {
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      inFlight.add(CompletableFuture.runAsync(() ->
          store.append("Note", UUID.randomUUID(), ExpectedVersion.noStream(), List.of(new Noted("note")))));
      if (inFlight.size() == 64) {
        inFlight.forEach(CompletableFuture::join);
        inFlight.clear();
      }
    }
    inFlight.forEach(CompletableFuture::join);
  }

  /** The median time of one query, over {@value #RUNS} runs after 3 warm-up runs. */
  private static double millis(CqlSession session, Supplier<Statement<?>> query) {
    for (int i = 0; i < 3; i++) {
      session.execute(query.get());
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      session.execute(query.get().setTimeout(Duration.ofSeconds(60)));
      nanos.add(System.nanoTime() - start);
    }
    nanos.sort(null);
    return nanos.get(RUNS / 2) / 1e6;
  }
}
