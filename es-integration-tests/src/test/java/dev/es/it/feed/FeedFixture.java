package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.spi.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/** A store and a feed on a test keyspace, and helpers to append notes and read the whole feed back. */
final class FeedFixture {

  static final String AGGREGATE_TYPE = "Notebook";

  final CassandraEventStore store;
  final Feed feed;

  FeedFixture(CqlSession session, String keyspace, FeedOptions options) {
    this(session, keyspace, options, AppendMode.CONDITIONAL);
  }

  FeedFixture(CqlSession session, String keyspace, FeedOptions options, AppendMode appendMode) {
    this(session, keyspace, options, store -> store.appendMode(appendMode));
  }

  FeedFixture(CqlSession session, String keyspace, FeedOptions options, UnaryOperator<EventStoreOptions.Builder> store) {
    EventRegistry registry = new EventRegistry().register(EventType.current("Noted", 1, Noted.class));
    this.store = new CassandraEventStore(session,
        store.apply(EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false)).build(), registry);
    this.store.initialize();
    feed = new Feed(session, this.store, options);
    feed.initialize();
  }

  /** Drops the events, feed and leases tables of the keyspace, then creates them anew with a fixture on them. */
  static FeedFixture onFreshTables(CqlSession session, String keyspace, FeedOptions options, AppendMode appendMode) {
    return onFreshTables(session, keyspace, options, store -> store.appendMode(appendMode));
  }

  /** The same, with the store's options changed by {@code store}. */
  static FeedFixture onFreshTables(CqlSession session, String keyspace, FeedOptions options,
      UnaryOperator<EventStoreOptions.Builder> store) {
    for (String table : List.of("events", "feed", "leases")) {
      session.execute("DROP TABLE IF EXISTS " + keyspace + "." + table);
    }
    return new FeedFixture(session, keyspace, options, store);
  }

  static FeedFixture onFreshTables(CqlSession session, String keyspace, FeedOptions options) {
    return onFreshTables(session, keyspace, options, AppendMode.CONDITIONAL);
  }

  /** Appends {@code count} notes to a stream at its current version; returns the new version. */
  long append(UUID aggregateId, long currentVersion, int count) {
    List<Noted> notes = IntStream.rangeClosed(1, count)
        .mapToObj(i -> new Noted((int) currentVersion + i, "note " + (currentVersion + i)))
        .toList();
    ExpectedVersion expected = currentVersion == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(currentVersion);
    return store.append(AGGREGATE_TYPE, aggregateId, expected, notes).currentVersion();
  }

  /** Runs a publisher until a step publishes nothing. */
  static int publishAll(FeedPublisher publisher) {
    int total = 0;
    for (int published = publisher.publishOnce(); published > 0; published = publisher.publishOnce()) {
      total += published;
    }
    return total;
  }

  /** Publishes every shard to the end with publishers owned by {@code owner}. */
  int publishAll(String owner) {
    int total = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      total += publishAll(feed.publisher(shard, owner));
    }
    return total;
  }

  /** What {@link #appendRacingPublishers} leaves: the streams' heads and the publishers, stopped mid-way. */
  record Race(Map<UUID, Long> heads, int publishedWhileWriting, List<FeedPublisher> publishers) {
    /** Publishes what the race left unpublished, every shard to the end. */
    void publishTheRest() {
      publishers.forEach(FeedFixture::publishAll);
    }
  }

  /**
   * Four writers append one to three notes at a time, 120 times each, each to a random one of its own
   * {@code streamsPerWriter} streams, while one publisher per shard publishes as fast as it can: every append races
   * a mark. Returns when the writers are done, with events possibly still unpublished.
   */
  Race appendRacingPublishers(int streamsPerWriter) throws Exception {
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Random random = new Random(w);
        List<UUID> own = IntStream.range(0, streamsPerWriter).mapToObj(i -> UUID.randomUUID()).toList();
        running.add(writers.submit(() -> {
          for (int append = 0; append < 120; append++) {
            UUID id = own.get(random.nextInt(own.size()));
            heads.put(id, append(id, heads.getOrDefault(id, 0L), 1 + random.nextInt(3)));
          }
          return null;
        }));
      }
      List<FeedPublisher> publishers = new ArrayList<>();
      for (int shard = 0; shard < feed.options().shards(); shard++) {
        publishers.add(feed.publisher(shard, "publisher"));
      }
      int publishedWhileWriting = 0;
      while (!running.stream().allMatch(Future::isDone)) {
        for (FeedPublisher publisher : publishers) {
          publishedWhileWriting += publisher.publishOnce();
        }
      }
      for (Future<?> writer : running) {
        writer.get();
      }
      return new Race(heads, publishedWhileWriting, publishers);
    } finally {
      writers.shutdownNow();
    }
  }

  /** Every published event of every shard, shard by shard, in position order. */
  List<FeedEvent> readAll() {
    List<FeedEvent> all = new ArrayList<>();
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      long position = 0;
      for (List<FeedEvent> page = feed.reader().read(shard, position, 97); !page.isEmpty();
          page = feed.reader().read(shard, position, 97)) {
        all.addAll(page);
        position = page.get(page.size() - 1).position() + 1;
      }
    }
    return all;
  }
}
