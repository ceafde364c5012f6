package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.es.runtime.AppendMode;
import dev.es.runtime.EventStoreOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Copies newly appended events of one shard into the feed, giving them gapless positions. Exactly one publisher
 * per shard works at a time (a {@link Lease}); see {@code docs/feed.md} for why nothing is lost or duplicated.
 *
 * <p>One step: find dirty streams of the shard (an SAI index on the static {@code dirty} column), read each one's
 * events after its static {@code published} version, write them to the feed partition together with the new
 * high-water mark in ONE conditional batch fenced by the lease epoch, then mark each stream published (clearing
 * {@code dirty} only if no event arrived meanwhile). A crash between the feed write and the marks is repaired by
 * the next owner, which redoes the marks of the last batch ({@code batch_start .. hwm}) before anything else.
 */
public final class FeedPublisher {

  /** Where a test may stop the publisher to simulate a crash. */
  public enum Step { AFTER_FEED_WRITE, AFTER_MARK }

  /** Called at each {@link Step}; the default does nothing. */
  @FunctionalInterface
  public interface StepListener {
    void reached(Step step);
  }

  /** How many dirty streams one index query queues. */
  private static final int DIRTY_STREAMS_PER_QUERY = 1_000;

  /** A stream whose {@code dirty} mark must stay: it was published only part of the way. */
  private static final long KEEP_DIRTY = Long.MIN_VALUE;

  /** Keys, ids, version, timestamps and cell headers of a feed row. */
  private static final int ROW_OVERHEAD_BYTES = 200;

  private final CqlSession session;
  private final Leases leases;
  private final FeedOptions options;
  private final int shard;
  private final String owner;
  private final String table;
  private final ConsistencyLevel read;
  private final ConsistencyLevel write;
  private final ConsistencyLevel serial;
  private final boolean plainAppends;
  private final Statements st;
  private final StepListener listener;

  private final Deque<DirtyStream> pending = new ArrayDeque<>();
  private Lease lease;
  private long bucket;
  private long hwm;

  FeedPublisher(CqlSession session, Leases leases, FeedSchema schema, FeedOptions options,
      EventStoreOptions store, int shard, String owner, StepListener listener) {
    this.session = session;
    this.leases = leases;
    this.options = options;
    this.shard = shard;
    this.owner = owner;
    this.table = schema.feed();
    this.read = store.readConsistency();
    this.write = store.writeConsistency();
    this.serial = store.serialConsistency();
    this.plainAppends = store.appendMode() == AppendMode.SINGLE_WRITER;
    this.listener = listener;
    this.st = new Statements(session, schema.feed(), store.keyspace() + "." + store.eventsTable());
  }

  /** The lease name of a shard's publisher. */
  static String leaseName(int shard) {
    return "feed-publisher-" + shard;
  }

  /**
   * Publishes what is pending, one batch at most.
   *
   * @return the number of events published; 0 when there was nothing to do or another process owns the shard
   */
  public int publishOnce() {
    try {
      if (lease == null && !takeOwnership()) {
        return 0;
      }
      return publishStep();
    } catch (RuntimeException e) {
      // Whatever failed (a timeout, an unreachable node), start over through recovery: it redoes the marks of
      // the last batch, which a failure after the feed write (or during recovery) may have left undone.
      lease = null;
      pending.clear();
      throw e;
    }
  }

  private int publishStep() {
    if (pending.isEmpty()) {
      findDirtyStreams();
      if (pending.isEmpty()) {
        if (!leases.renew(lease)) {
          lease = null;
        }
        return 0;
      }
    }
    Batch batch = collect();
    if (batch.rows.isEmpty()) {
      markAll(batch.streams);
      return 0;
    }
    BatchStatementBuilder write = BatchStatement.builder(DefaultBatchType.LOGGED)
        .addStatement(st.advanceHwm.bind(hwm + batch.rows.size(), hwm, shard, bucket, lease.epoch()));
    long position = hwm;
    for (Row event : batch.rows) {
      write.addStatement(st.insertFeedRow.bind(shard, bucket, position++,
          event.getUuid("aggregate_id"), event.getLong("version"), event.getUuid("event_id"),
          event.getString("aggregate_type"), event.getString("event_type"), event.getInt("event_revision"),
          event.getInstant("ts"), event.getString("user_id"),
          event.get("metadata", FeedSchema.METADATA), event.getString("payload")));
    }
    if (!session.execute(write.build().setConsistencyLevel(this.write).setSerialConsistencyLevel(serial)).wasApplied()) {
      lease = null; // another publisher took the shard over: stop writing at once
      pending.clear();
      return 0;
    }
    hwm = position;
    listener.reached(Step.AFTER_FEED_WRITE);
    markAll(batch.streams);
    listener.reached(Step.AFTER_MARK);
    if (hwm == bucketEnd(bucket)) {
      openNextBucket();
    }
    return batch.rows.size();
  }

  /**
   * Queues the shard's dirty streams. One index query serves many steps: the queue is only refilled once it is
   * empty, and the queued {@code published} versions are this publisher's own marks, so they are never stale.
   */
  private void findDirtyStreams() {
    for (Row row : session.execute(st.selectDirty
        .bind(options.firstToken(shard), options.lastToken(shard), DIRTY_STREAMS_PER_QUERY)
        .setConsistencyLevel(read))) {
      pending.add(new DirtyStream(row.getUuid("aggregate_id"), row.getLong("head"), row.getLong("head_written"),
          row.isNull("published") ? 0 : row.getLong("published")));
    }
  }

  /** Gives the shard up (for a clean shutdown), so another process need not wait for the lease to expire. */
  public void release() {
    if (lease != null) {
      leases.release(lease);
      lease = null;
    }
  }

  /** Whether this publisher currently owns its shard. */
  public boolean owns() {
    return lease != null;
  }

  /**
   * A stream published up to a version; with single-writer appends, the write timestamp at which its
   * {@code dirty} mark may be cleared, or {@link #KEEP_DIRTY}.
   */
  private record Stream(UUID aggregateId, long publishedUpTo, long clearDirtyAt) {}

  /** A stream with events to publish: its head and the head's write timestamp when found, how far it is published. */
  private record DirtyStream(UUID aggregateId, long head, long headWritten, long published) {}

  private record Batch(List<Row> rows, List<Stream> streams) {}

  /**
   * Takes queued streams and reads their unpublished events, as many as fit in one feed batch and in the bucket.
   * A stream cut short goes back to the front of the queue with what is left.
   */
  private Batch collect() {
    long room = Math.min(options.maxBatchEvents(), bucketEnd(bucket) - hwm);
    List<DirtyStream> taken = new ArrayList<>();
    List<CompletionStage<List<Row>>> reads = new ArrayList<>();
    while (room > 0 && !pending.isEmpty()) {
      DirtyStream stream = pending.poll();
      long upTo = Math.min(stream.head(), stream.published() + room);
      room -= upTo - stream.published();
      taken.add(stream);
      reads.add(upTo == stream.published()
          ? CompletableFuture.completedFuture(List.of())
          : all(session.executeAsync(
              st.selectEvents.bind(stream.aggregateId(), stream.published(), upTo).setConsistencyLevel(read))));
    }
    List<Row> rows = new ArrayList<>();
    List<Stream> streams = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < taken.size(); i++) {
      List<Row> events = reads.get(i).toCompletableFuture().join();
      int size = events.stream().mapToInt(FeedPublisher::bytes).sum();
      if (!rows.isEmpty() && bytes + size > options.maxBatchBytes()) {
        for (int rest = taken.size() - 1; rest >= i; rest--) {
          pending.addFirst(taken.get(rest)); // too big for this batch: the next step takes them whole
        }
        break;
      }
      DirtyStream stream = taken.get(i);
      long upTo = stream.published() + events.size();
      if (upTo < stream.head()) {
        pending.addFirst(new DirtyStream(stream.aggregateId(), stream.head(), stream.headWritten(), upTo));
      }
      bytes += size;
      rows.addAll(events);
      streams.add(new Stream(stream.aggregateId(), upTo,
          upTo == stream.head() ? stream.headWritten() + 1 : KEEP_DIRTY));
    }
    return new Batch(rows, streams);
  }

  /** An upper bound of the row's size in a batch: UTF-8 text at most 3 bytes a char, plus the fixed columns. */
  private static int bytes(Row event) {
    int text = length(event.getString("payload")) + length(event.getString("event_type"))
        + length(event.getString("aggregate_type")) + length(event.getString("user_id"));
    for (Map.Entry<String, String> entry : event.get("metadata", FeedSchema.METADATA).entrySet()) {
      text += entry.getKey().length() + entry.getValue().length();
    }
    return 3 * text + ROW_OVERHEAD_BYTES;
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }

  private static CompletionStage<List<Row>> all(CompletionStage<AsyncResultSet> first) {
    return first.thenCompose(page -> collectPages(page, new ArrayList<>()));
  }

  private static CompletionStage<List<Row>> collectPages(AsyncResultSet page, List<Row> into) {
    page.currentPage().forEach(into::add);
    return page.hasMorePages()
        ? page.fetchNextPage().thenCompose(next -> collectPages(next, into))
        : CompletableFuture.completedFuture(into);
  }

  /** Marks streams published up to the given versions, all at once. */
  private void markAll(List<Stream> streams) {
    CompletableFuture<?>[] marks = streams.stream()
        .map(stream -> markPublished(stream).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(marks).join();
  }

  /**
   * Records that a stream is published up to its version and clears {@code dirty} if no event arrived since.
   * Never lowers {@code published}, so a late, fenced-off publisher cannot undo progress.
   *
   * <p>Conditional appends: one lightweight transaction clears {@code dirty} if {@code head} has not moved.
   * Single-writer appends are plain writes, and mixing them with a lightweight transaction on the same cell
   * orders them by timestamps that do not follow real time (the transaction's ballot against the writer's
   * clock): an append racing the clear could lose its {@code dirty} mark. There, {@code dirty} is cleared by a
   * plain write stamped one microsecond after the head that was published: it overrides that append's mark and
   * loses to every later append of the writer, whose timestamps only increase.
   */
  private CompletionStage<Void> markPublished(Stream stream) {
    UUID aggregateId = stream.aggregateId();
    long version = stream.publishedUpTo();
    if (plainAppends) {
      return stream.clearDirtyAt() == KEEP_DIRTY ? advancePublished(aggregateId, version)
          : advancePublished(aggregateId, version).thenCompose(advanced ->
              execute(st.clearDirty.bind(stream.clearDirtyAt(), aggregateId)).thenApply(ignored -> null));
    }
    return execute(st.markClean.bind(version, aggregateId, version))
        .thenCompose(clean -> clean.wasApplied()
            ? CompletableFuture.<Void>completedFuture(null)
            : advancePublished(aggregateId, version));
  }

  /** Raises {@code published} to {@code version} unless it is there or beyond already. */
  private CompletionStage<Void> advancePublished(UUID aggregateId, long version) {
    return execute(st.advancePublished.bind(version, aggregateId, version))
        .thenCompose(advanced -> advanced.wasApplied() || !isNullPublished(advanced)
            ? CompletableFuture.<Void>completedFuture(null)
            : execute(st.firstPublished.bind(version, aggregateId)).thenApply(ignored -> null));
  }

  private static boolean isNullPublished(AsyncResultSet notApplied) {
    Row current = notApplied.one();
    return current != null && current.isNull("published");
  }

  private CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
    return session.executeAsync(statement.setConsistencyLevel(write).setSerialConsistencyLevel(serial));
  }

  /** Takes the shard's lease and repairs what a crashed predecessor may have left. */
  private boolean takeOwnership() {
    lease = leases.tryAcquire(leaseName(shard), owner).orElse(null);
    if (lease == null) {
      return false;
    }
    bucket = lease.position();
    if (!claim(bucket)) {
      lease = null;
      return false;
    }
    redoLastMarks();
    while (lease != null && hwm == bucketEnd(bucket)) {
      openNextBucket();
    }
    return lease != null;
  }

  /**
   * Makes this publisher's epoch the only one allowed to write a bucket partition, creating it if needed, and
   * reads its high-water mark; false if a newer epoch already owns it.
   */
  private boolean claim(long b) {
    long start = b * options.bucketSize();
    ResultSet created = session.execute(st.createBucket.bind(shard, b, lease.epoch(), start, start)
        .setConsistencyLevel(write).setSerialConsistencyLevel(serial));
    if (!created.wasApplied()) {
      ResultSet claimed = session.execute(st.claimBucket.bind(lease.epoch(), shard, b, lease.epoch())
          .setConsistencyLevel(write).setSerialConsistencyLevel(serial));
      if (!claimed.wasApplied() && claimed.one().getLong("epoch") != lease.epoch()) {
        return false;
      }
    }
    Row state = session.execute(st.selectBucketState.bind(shard, b).setConsistencyLevel(serial)).one();
    hwm = state.getLong("hwm");
    return true;
  }

  /**
   * Redoes the stream marks of the last feed batch: harmless if they were done, essential if not. (With
   * single-writer appends only {@code published} is redone; a stream left dirty is found again, has nothing left
   * to publish, and is cleared then.)
   */
  private void redoLastMarks() {
    Row state = session.execute(st.selectBucketState.bind(shard, bucket).setConsistencyLevel(serial)).one();
    long batchStart = state.getLong("batch_start");
    Map<UUID, Long> lastVersions = new LinkedHashMap<>();
    for (Row row : session.execute(st.selectFeedRange.bind(shard, bucket, batchStart, hwm).setConsistencyLevel(read))) {
      lastVersions.merge(row.getUuid("aggregate_id"), row.getLong("version"), Math::max);
    }
    markAll(lastVersions.entrySet().stream().map(e -> new Stream(e.getKey(), e.getValue(), KEEP_DIRTY)).toList());
  }

  private void openNextBucket() {
    if (claim(bucket + 1) && leases.checkpoint(lease, bucket + 1)) {
      bucket++;
    } else {
      lease = null;
    }
  }

  private long bucketEnd(long b) {
    return (b + 1) * options.bucketSize();
  }

  /** The publisher's statements, prepared once. */
  private static final class Statements {
    final PreparedStatement selectDirty;
    final PreparedStatement selectEvents;
    final PreparedStatement markClean;
    final PreparedStatement clearDirty;
    final PreparedStatement advancePublished;
    final PreparedStatement firstPublished;
    final PreparedStatement createBucket;
    final PreparedStatement claimBucket;
    final PreparedStatement selectBucketState;
    final PreparedStatement selectFeedRange;
    final PreparedStatement advanceHwm;
    final PreparedStatement insertFeedRow;

    Statements(CqlSession session, String feed, String events) {
      selectDirty = session.prepare("SELECT aggregate_id, head, writetime(head) AS head_written, published FROM "
          + events
          + " WHERE dirty = true AND token(aggregate_id) >= ? AND token(aggregate_id) <= ?"
          + " PER PARTITION LIMIT 1 LIMIT ?");
      selectEvents = session.prepare("SELECT " + FeedSchema.EVENT_COLUMNS + " FROM " + events
          + " WHERE aggregate_id = ? AND version > ? AND version <= ?");
      markClean = session.prepare("UPDATE " + events + " SET published = ?, dirty = false"
          + " WHERE aggregate_id = ? IF head = ?");
      clearDirty = session.prepare("UPDATE " + events + " USING TIMESTAMP ? SET dirty = false WHERE aggregate_id = ?");
      advancePublished = session.prepare("UPDATE " + events + " SET published = ?"
          + " WHERE aggregate_id = ? IF published < ?");
      firstPublished = session.prepare("UPDATE " + events + " SET published = ?"
          + " WHERE aggregate_id = ? IF published = null");
      createBucket = session.prepare("INSERT INTO " + feed + " (shard, bucket, epoch, hwm, batch_start)"
          + " VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
      claimBucket = session.prepare("UPDATE " + feed + " SET epoch = ? WHERE shard = ? AND bucket = ? IF epoch < ?");
      selectBucketState = session.prepare("SELECT hwm, batch_start FROM " + feed
          + " WHERE shard = ? AND bucket = ? LIMIT 1");
      selectFeedRange = session.prepare("SELECT aggregate_id, version FROM " + feed
          + " WHERE shard = ? AND bucket = ? AND position >= ? AND position < ?");
      advanceHwm = session.prepare("UPDATE " + feed + " SET hwm = ?, batch_start = ?"
          + " WHERE shard = ? AND bucket = ? IF epoch = ?");
      insertFeedRow = session.prepare("INSERT INTO " + feed + " (shard, bucket, position, "
          + FeedSchema.EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
  }
}
