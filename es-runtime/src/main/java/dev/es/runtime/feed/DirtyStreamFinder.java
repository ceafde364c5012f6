package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 *       ({@link #OVERLAP}) before the last pass began. Event rows never change, so its index holds no stale
 *       entries: it costs what was appended meanwhile. Of the streams it returns, the dirty ones are queued.
 * </ul>
 *
 * An append that becomes visible more than {@link #OVERLAP} after its events were stamped (a writer's clock behind,
 * a request stuck that long) is missed by the recent query and found by the next sweep: later, never lost.
 *
 * <p>Both page through the shard's token range in passes: a query reads up to {@value #ROWS_PER_QUERY} event rows,
 * keeps the first row of each stream (the stream columns read here are static), and the next query goes on after the
 * last stream it read, so streams that keep getting dirty at low tokens cannot keep those at high tokens waiting. A
 * pass ends at the range's last token; the recent window then moves on to {@link #OVERLAP} before the pass began,
 * and the next pass is a sweep if one is due.
 *
 * <p>Neither query uses {@code PER PARTITION LIMIT 1}, and neither asks for a few rows only, although both would
 * then return less: on replicas that disagree (a node back from an outage, a write that reached a quorum only),
 * Cassandra 5.0's replica filtering protection fetches what is missing in rounds of the query's per-partition or
 * overall limit, so a query limited to one row per stream, or to one row, ran into the read timeout again and again
 * (found by the nemesis run, where the publisher published nothing for minutes; docs/guarantees.md).
 */
final class DirtyStreamFinder {

  /** How many event rows one query reads; a find returns fewer than twice this many dirty streams. */
  static final int ROWS_PER_QUERY = 1_000;

  /** How far back before the last pass's start the recent query looks. */
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

  /** Where the current pass over the shard's token range goes on. */
  private long cursor;
  /** Whether the next find starts a new pass (at the range's first token). */
  private boolean passDone = true;
  /** Whether the current pass is a sweep (else the recent query). */
  private boolean sweeping;
  private Instant passStartedAt;
  private long passStartedNanos;
  /** The lower bound of the recent query's {@code ts}; null until a sweep has gone through. */
  private Instant recentFrom;
  private long nextSweepNanos;

  DirtyStreamFinder(CqlSession session, String events, FeedOptions options, int shard, ConsistencyLevel read,
      Clock clock) {
    this.session = session;
    String select = "SELECT aggregate_id, token(aggregate_id) AS stream_token, dirty, head,"
        + " writetime(head) AS head_written, published, writetime(published) AS published_written FROM " + events
        + " WHERE ";
    String tokens = " AND token(aggregate_id) >= ? AND token(aggregate_id) <= ? LIMIT " + ROWS_PER_QUERY;
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
    passDone = true;
  }

  /**
   * The dirty streams the next queries find, in token order, from where the current pass over the shard's token
   * range stands: a pass pages through the range (a sweep, or the recent query, as due when it starts) and ends at
   * its last token; only then does the recent window move on, to two seconds before the pass began. So a window full
   * of streams published already costs one pass, not a query that never gets past its first page.
   *
   * <p>Asynchronous, so that the publisher's step goes on meanwhile; one find at a time: the next one, or
   * {@link #restart}, only after this one completed.
   */
  CompletionStage<List<DirtyStream>> find() {
    if (passDone) {
      long now = System.nanoTime();
      sweeping = recentFrom == null || now - nextSweepNanos >= 0;
      passStartedAt = clock.instant();
      passStartedNanos = now;
      cursor = firstToken;
      passDone = false;
    }
    return findFrom(new ArrayList<>());
  }

  private CompletionStage<List<DirtyStream>> findFrom(List<DirtyStream> found) {
    return query(cursor, found).thenCompose(page -> {
      if (page.rows() < ROWS_PER_QUERY || page.lastToken() == lastToken) {
        endPass();
        return CompletableFuture.completedFuture(found);
      }
      cursor = page.lastToken() + 1;
      return found.size() < ROWS_PER_QUERY ? findFrom(found) : CompletableFuture.completedFuture(found);
    });
  }

  private void endPass() {
    Instant from = passStartedAt.minus(OVERLAP);
    if (recentFrom == null || from.isAfter(recentFrom)) {
      recentFrom = from;
    }
    if (sweeping) {
      long now = System.nanoTime();
      nextSweepNanos = now + Math.max(MIN_SWEEP_INTERVAL.toNanos(), SWEEP_COST_FACTOR * (now - passStartedNanos));
    }
    passDone = true;
  }

  /** How many rows a query read, and the token of the last one. */
  private record Page(int rows, long lastToken) {}

  /**
   * Reads up to {@value #ROWS_PER_QUERY} event rows with tokens from {@code from} on, adding each dirty stream among
   * them to {@code found} once: rows come in token order, a stream's rows one after the other.
   */
  private CompletionStage<Page> query(long from, List<DirtyStream> found) {
    BoundStatement statement =
        sweeping ? sweepQuery.bind(from, lastToken) : recentQuery.bind(recentFrom, from, lastToken);
    return session.executeAsync(statement.setConsistencyLevel(read))
        .thenCompose(first -> collect(first, new Collector(found)));
  }

  private static CompletionStage<Page> collect(AsyncResultSet page, Collector collector) {
    page.currentPage().forEach(collector::add);
    return page.hasMorePages()
        ? page.fetchNextPage().thenCompose(next -> collect(next, collector))
        : CompletableFuture.completedFuture(collector.page());
  }

  /** Keeps the first row of each dirty stream among the rows of one query, in order. */
  private final class Collector {
    private final List<DirtyStream> found;
    private int rows;
    private long last = lastToken;
    private UUID previous;

    Collector(List<DirtyStream> found) {
      this.found = found;
    }

    void add(Row row) {
      rows++;
      last = row.getLong("stream_token");
      UUID stream = row.getUuid("aggregate_id");
      if (!stream.equals(previous) && row.getBoolean("dirty")) {
        found.add(new DirtyStream(stream, row.getLong("head"), row.getLong("head_written"),
            row.isNull("published") ? 0 : row.getLong("published"),
            row.isNull("published") ? Long.MIN_VALUE : row.getLong("published_written")));
      }
      previous = stream;
    }

    Page page() {
      return new Page(rows, last);
    }
  }
}
