package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.TableCreation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact counts of events per event type and per aggregate type, kept from the feed: a built-in consumer that
 * stores, per feed shard, one row with the counts <em>and</em> the first feed position not counted yet, and moves
 * both in ONE lightweight transaction conditioned on the position it read ({@code IF position = ?}). A batch is
 * counted exactly when its write applies; a counter that crashed, was paused or raced another one reads the row
 * again and counts from the stored position, so no event is counted twice (a counter column could not promise
 * that: its increments are not idempotent) and none is skipped. Any number of processes may run it at once; they
 * only waste work. The counts are read in one query ({@link #read()}).
 *
 * <p>It reads only the type columns of the feed table ({@code event_type}, {@code aggregate_type}), never a
 * payload, so it counts events of types this process cannot decode.
 */
public final class EventStatistics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventStatistics.class);

  /** The statistics' one partition: every shard's row is read by one query. */
  private static final String PARTITION = "events";

  private static final GenericType<Map<String, Long>> COUNTS = GenericType.mapOf(String.class, Long.class);

  /** The statistics table, in the event store's keyspace. */
  public static final String TABLE = "event_statistics";

  private final CqlSession session;
  private final EventStoreOptions storeOptions;
  private final FeedOptions feedOptions;
  private final int batchSize;
  private final AtomicLong lostRaces = new AtomicLong();
  private volatile Statements statements;
  private Thread worker;
  private volatile boolean running;

  /**
   * @param batchSize the most feed rows counted by one conditional write
   */
  public EventStatistics(Feed feed, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    CassandraEventStore store = feed.store();
    this.session = store.session();
    this.storeOptions = store.options();
    this.feedOptions = feed.options();
    this.batchSize = batchSize;
  }

  /** Counts with batches of up to 1,000 feed rows. */
  public EventStatistics(Feed feed) {
    this(feed, 1_000);
  }

  private record Statements(PreparedStatement rows, PreparedStatement counts, PreparedStatement shardCounts,
      PreparedStatement start, PreparedStatement advance) {}

  /** Creates the table if missing and a row at position 0 for every shard that has none. Idempotent. */
  public void initialize() {
    String table = storeOptions.keyspace() + "." + TABLE;
    TableCreation.create(session, "CREATE TABLE IF NOT EXISTS " + table + " (name text, shard int, position bigint,"
        + " by_event_type frozen<map<text, bigint>>, by_aggregate_type frozen<map<text, bigint>>,"
        + " PRIMARY KEY ((name), shard))");
    String feed = storeOptions.keyspace() + "." + FeedOptions.FEED_TABLE;
    Statements prepared = new Statements(
        TableCreation.prepare(session, feed, "feed.initialize()",
            "SELECT hwm, position, event_type, aggregate_type FROM " + feed
            + " WHERE shard = ? AND bucket = ? AND position >= ? LIMIT ?"),
        TableCreation.prepare(session, table, "statistics.initialize()",
            "SELECT shard, position, by_event_type, by_aggregate_type FROM " + table
            + " WHERE name = '" + PARTITION + "'"),
        TableCreation.prepare(session, table, "statistics.initialize()",
            "SELECT position, by_event_type, by_aggregate_type FROM " + table
            + " WHERE name = '" + PARTITION + "' AND shard = ?"),
        TableCreation.prepare(session, table, "statistics.initialize()",
            "INSERT INTO " + table
            + " (name, shard, position, by_event_type, by_aggregate_type)"
            + " VALUES ('" + PARTITION + "', ?, 0, {}, {}) IF NOT EXISTS"),
        TableCreation.prepare(session, table, "statistics.initialize()",
            "UPDATE " + table
            + " SET position = ?, by_event_type = ?, by_aggregate_type = ?"
            + " WHERE name = '" + PARTITION + "' AND shard = ? IF position = ?"));
    for (int shard = 0; shard < feedOptions.shards(); shard++) {
      session.execute(prepared.start().bind(shard).setSerialConsistencyLevel(storeOptions.serialConsistency())
          .setConsistencyLevel(storeOptions.writeConsistency()));
    }
    statements = prepared;
  }

  /**
   * Counts every published event not counted yet, in every shard, and returns how many this call counted (events
   * another process counted meanwhile are not in it).
   */
  public long catchUp() {
    long counted = 0;
    for (int shard = 0; shard < feedOptions.shards(); shard++) {
      for (long step = step(shard); step != 0; step = step(shard)) {
        counted += Math.max(0, step);
      }
    }
    return counted;
  }

  /**
   * One batch of one shard: reads the shard's row, then up to {@code batchSize} feed rows from its position, then
   * writes the new counts and position if the position is still the one read.
   *
   * @return the events counted; 0 when the shard is caught up; -1 when another process moved the row first (the
   *     batch is left to it, and the next step reads the row again)
   */
  long step(int shard) {
    Statements st = statements();
    // a stale read only makes the conditional write below fail, and the next step read again
    Row stored = session.execute(st.shardCounts().bind(shard)
        .setConsistencyLevel(storeOptions.readConsistency())).one();
    if (stored == null) {
      throw new IllegalStateException("no statistics row for feed shard " + shard + ": call initialize() first");
    }
    long position = stored.getLong("position");
    Map<String, Long> byEventType = new HashMap<>(stored.get("by_event_type", COUNTS));
    Map<String, Long> byAggregateType = new HashMap<>(stored.get("by_aggregate_type", COUNTS));
    List<Row> rows = feedRows(st, shard, position);
    if (rows.isEmpty()) {
      return 0;
    }
    for (Row row : rows) {
      byEventType.merge(row.getString("event_type"), 1L, Long::sum);
      byAggregateType.merge(row.getString("aggregate_type"), 1L, Long::sum);
    }
    boolean applied = session.execute(st.advance().bind(position + rows.size(), byEventType, byAggregateType,
        shard, position).setSerialConsistencyLevel(storeOptions.serialConsistency())
        .setConsistencyLevel(storeOptions.writeConsistency())).wasApplied();
    if (!applied) {
      lostRaces.incrementAndGet();
      return -1;
    }
    return rows.size();
  }

  /** The counts stored so far, summed over the shards: one query. */
  public EventCounts read() {
    Map<String, Long> byEventType = new HashMap<>();
    Map<String, Long> byAggregateType = new HashMap<>();
    long total = 0;
    for (Row row : session.execute(statements().counts().bind()
        .setConsistencyLevel(storeOptions.readConsistency()))) {
      total += row.getLong("position");
      row.get("by_event_type", COUNTS).forEach((type, n) -> byEventType.merge(type, n, Long::sum));
      row.get("by_aggregate_type", COUNTS).forEach((type, n) -> byAggregateType.merge(type, n, Long::sum));
    }
    return new EventCounts(byEventType, byAggregateType, total);
  }

  /**
   * Steps whose write found the row moved by another process (a redelivery: those events were counted by the
   * other, once).
   */
  public long lostRaces() {
    return lostRaces.get();
  }

  /** Counts in a background daemon thread, catching up every {@code pollInterval}, until {@link #close()}. */
  public synchronized void start(Duration pollInterval) {
    if (worker != null) {
      throw new IllegalStateException("event statistics already started");
    }
    statements();
    running = true;
    worker = new Thread(() -> {
      while (running) {
        try {
          catchUp();
        } catch (RuntimeException e) {
          LOG.warn("counting events failed; retrying in {}", pollInterval, e);
        }
        try {
          Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "es-event-statistics");
    worker.setDaemon(true);
    worker.start();
  }

  /** Stops the background thread, if started, and waits for it. */
  @Override
  public synchronized void close() {
    running = false;
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker = null;
    }
  }

  /** Published rows of a shard from {@code from}, within its bucket, below the bucket's high-water mark. */
  private List<Row> feedRows(Statements st, int shard, long from) {
    List<Row> rows = new ArrayList<>();
    for (Row row : session.execute(st.rows().bind(shard, from / feedOptions.bucketSize(), from, batchSize)
        .setConsistencyLevel(storeOptions.readConsistency()))) {
      if (row.isNull("hwm") || row.getLong("position") >= row.getLong("hwm")) {
        break;
      }
      rows.add(row);
    }
    return rows;
  }

  private Statements statements() {
    Statements prepared = statements;
    if (prepared == null) {
      throw new IllegalStateException("event statistics are not initialized: call initialize() first");
    }
    return prepared;
  }
}
