package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds a shard's dirty streams (streams with events to publish) for its publisher, with two queries on
 * storage-attached indexes of the events table:
 *
 * <ul>
 *   <li>the <b>sweep</b>, {@code dirty = true}: every dirty stream, however it got there. Its cost grows with every
 *       stream written since the node last flushed the table, not with the dirty ones: an SAI memtable index keeps
 *       an entry for each value a row ever had and drops the stale ones only as it reads them, and {@code dirty}
 *       flips twice per publication (measured: 86 ms per query once 20,000 streams were written and published, 3.5 ms
 *       after a flush; docs/benchmarks.md). So it runs when a publisher takes a shard over, and then only once the
 *       time since the last one is at least {@value #SWEEP_COST_FACTOR} times what that one took, and at least
 *       {@link #MIN_SWEEP_INTERVAL};
 *   <li>the <b>recent query</b>, {@code ts >= from}, between sweeps: streams with an event stamped since shortly
 *       ({@link #OVERLAP}) before the last query began. Event rows never change, so its index holds no stale
 *       entries: it costs what was appended meanwhile. Of the streams it returns, the dirty ones are queued.
 * </ul>
 *
 * An append that becomes visible more than {@link #OVERLAP} after its events were stamped (a writer's clock behind,
 * a request stuck that long) is missed by the recent query and found by the next sweep: later, never lost.
 *
 * <p>Both queries read up to {@value #STREAMS_PER_QUERY} streams and go round the shard's token range: after a full
 * one, the next starts after the last stream it read (wrapping to the start for the rest), so streams that keep
 * getting dirty at low tokens cannot keep those at high tokens waiting. A query that found everything in its window
 * moves the recent window on; a full one keeps it, as a sweep that is not through yet goes on sweeping.
 */
final class DirtyStreamFinder {

  /** How many streams one query reads. */
  static final int STREAMS_PER_QUERY = 1_000;

  /** How far back before the last query's start the recent query looks. */
  static final Duration OVERLAP = Duration.ofSeconds(2);

  /** The shortest time between two sweeps. */
  static final Duration MIN_SWEEP_INTERVAL = Duration.ofSeconds(1);

  /** A sweep waits this many times its own duration before the next one: at most a tenth of the time sweeping. */
  static final int SWEEP_COST_FACTOR = 9;

  /**
   * A stream with events to publish: its head and the head's write timestamp when found, how far it is published
   * and that mark's write timestamp ({@code Long.MIN_VALUE} if none).
   */
  record DirtyStream(UUID aggregateId, long head, long headWritten, long published, long publishedWritten) {}

  private final CqlSession session;
  private final PreparedStatement sweepQuery;
  private final PreparedStatement recentQuery;
  private final ConsistencyLevel read;
  private final Clock clock;
  private final long firstToken;
  private final long lastToken;

  /** The token the next query starts at. */
  private long cursor;
  /** The lower bound of the recent query's {@code ts}; null until a sweep has gone through. */
  private Instant recentFrom;
  private boolean sweeping;
  private Instant sweepStartedAt;
  private long sweepStartedNanos;
  private long nextSweepNanos;

  DirtyStreamFinder(CqlSession session, String events, FeedOptions options, int shard, ConsistencyLevel read,
      Clock clock) {
    this.session = session;
    String select = "SELECT aggregate_id, token(aggregate_id) AS stream_token, dirty, head,"
        + " writetime(head) AS head_written, published, writetime(published) AS published_written FROM " + events
        + " WHERE ";
    String tokens = " AND token(aggregate_id) >= ? AND token(aggregate_id) <= ? PER PARTITION LIMIT 1 LIMIT ?";
    this.sweepQuery = session.prepare(select + "dirty = true" + tokens);
    this.recentQuery = session.prepare(select + "ts >= ?" + tokens);
    this.read = read;
    this.clock = clock;
    this.firstToken = options.firstToken(shard);
    this.lastToken = options.lastToken(shard);
    this.cursor = firstToken;
  }

  /** Forgets the recent window: a new owner of the shard knows nothing of what was appended before, so it sweeps. */
  void restart() {
    recentFrom = null;
    sweeping = false;
  }

  /** The dirty streams of the next query (a sweep or the recent query, as due), in token order. */
  List<DirtyStream> find() {
    long now = System.nanoTime();
    if (!sweeping && (recentFrom == null || now - nextSweepNanos >= 0)) {
      sweeping = true;
      sweepStartedAt = clock.instant();
      sweepStartedNanos = now;
    }
    Instant started = clock.instant();
    List<DirtyStream> found = new ArrayList<>();
    int[] rows = {0};
    long upTo = query(cursor, lastToken, STREAMS_PER_QUERY, found, rows);
    if (rows[0] < STREAMS_PER_QUERY && cursor != firstToken) {
      upTo = query(firstToken, cursor - 1, STREAMS_PER_QUERY - rows[0], found, rows);
    }
    boolean full = rows[0] == STREAMS_PER_QUERY;
    cursor = full && upTo != lastToken ? upTo + 1 : firstToken;
    if (!full) {
      Instant from = (sweeping ? sweepStartedAt : started).minus(OVERLAP);
      if (recentFrom == null || from.isAfter(recentFrom)) {
        recentFrom = from;
      }
      if (sweeping) {
        sweeping = false;
        long took = System.nanoTime() - sweepStartedNanos;
        nextSweepNanos = System.nanoTime() + Math.max(MIN_SWEEP_INTERVAL.toNanos(), SWEEP_COST_FACTOR * took);
      }
    }
    return found;
  }

  /** Reads up to {@code limit} streams with tokens in {@code from..to}; returns the last one's token. */
  private long query(long from, long to, int limit, List<DirtyStream> found, int[] rows) {
    BoundStatement statement = sweeping
        ? sweepQuery.bind(from, to, limit)
        : recentQuery.bind(recentFrom, from, to, limit);
    long last = to;
    for (Row row : session.execute(statement.setConsistencyLevel(read))) {
      rows[0]++;
      last = row.getLong("stream_token");
      if (row.getBoolean("dirty")) {
        found.add(new DirtyStream(row.getUuid("aggregate_id"), row.getLong("head"), row.getLong("head_written"),
            row.isNull("published") ? 0 : row.getLong("published"),
            row.isNull("published") ? Long.MIN_VALUE : row.getLong("published_written")));
      }
    }
    return last;
  }
}
