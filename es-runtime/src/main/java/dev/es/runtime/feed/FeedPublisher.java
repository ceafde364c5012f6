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
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.DirtyStreamFinder.DirtyStream;
import dev.es.runtime.internal.Futures;
import dev.es.runtime.internal.PublisherProgress;
import dev.es.runtime.internal.PublisherProgressListener;
import dev.es.runtime.internal.Utf8;
import dev.es.runtime.observation.Instrumentation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * <p>One step: find dirty streams of the shard ({@link DirtyStreamFinder}; the next find runs during the step that
 * takes the last stream found, corrected by what that step publishes), read each one's events after its static
 * {@code published} version, write them to the feed partition together with the new high-water mark in ONE
 * conditional batch fenced by the lease epoch, then mark each stream published (clearing
 * {@code dirty} only if no event arrived meanwhile). The marks are plain writes whose order is fixed by their
 * timestamps, not lightweight transactions. A crash between the feed write and the marks is repaired by the next
 * owner, which redoes the marks of the last batch ({@code batch_start .. hwm}) before anything else.
 */
public final class FeedPublisher {

  /** A stream whose {@code dirty} mark must stay: it was published only part of the way. */
  private static final long KEEP_DIRTY = Long.MIN_VALUE;

  /** The write time of a {@code published} cell never written. */
  private static final long NEVER = Long.MIN_VALUE;

  /**
   * How many reads or marks of a step are in flight at once: an eighth of the driver's 1,024 per connection, so the
   * rest of the process keeps its share; 64 made a step wait through twice as many rounds behind a saturated node.
   */
  private static final int REQUESTS_IN_FLIGHT = 128;

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
  private final Statements st;
  private final PublisherProgressListener listener;
  private final InFlightLimit inFlight = new InFlightLimit(REQUESTS_IN_FLIGHT);
  private final DirtyStreamFinder finder;
  private final Instrumentation instrumentation;

  private final Deque<DirtyStream> pending = new ArrayDeque<>();
  /** The next step's reads, started while the last step's marks were written; null if not started. */
  private Reads prefetched;
  /** The next find, started when a step took the last queued stream; null if none is under way. */
  private CompletableFuture<List<DirtyStream>> nextFind;
  /**
   * The streams published under this lease whose marks a find may not have seen: how far, when, and in which step.
   * A find reads the events table while the marks of the step that started it are written, so what it returns may
   * be older than what this publisher published since; {@link #current} corrects it from here.
   */
  private final Map<UUID, Published> publishedHere = new HashMap<>();
  /** Feed writes under this lease, and how many of them had their marks written. */
  private long steps;
  private long stepsMarked;
  private Lease lease;
  /** When the lease was last taken or renewed ({@link System#nanoTime()}). */
  private long leaseRenewedAt;
  private long bucket;
  private long hwm;

  FeedPublisher(CqlSession session, Leases leases, FeedSchema schema, FeedOptions options,
      EventStoreOptions store, int shard, String owner, PublisherProgressListener listener) {
    this.session = session;
    this.leases = leases;
    this.options = options;
    this.shard = shard;
    this.owner = owner;
    this.table = schema.feed();
    this.read = store.readConsistency();
    this.write = store.writeConsistency();
    this.serial = store.serialConsistency();
    this.listener = listener;
    this.st = new Statements(session, schema.feed(), store.keyspace() + "." + store.eventsTable());
    this.finder = new DirtyStreamFinder(session, store.keyspace() + "." + store.eventsTable(), options, shard, read,
        store.clock());
    this.instrumentation = store.instrumentation();
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
    } catch (RuntimeException | Error e) {
      // Whatever failed (a timeout, an unreachable node, a batch the node refuses), start over through recovery:
      // it redoes the marks of the last batch, which a failure after the feed write (or during recovery) may have
      // left undone.
      dropLease();
      throw e;
    }
  }

  /** The streams of a batch and their versions, for a failure report. */
  private static String describe(List<StreamMarks> streams) {
    List<String> named = streams.stream()
        .filter(s -> s.publishedUpTo() > s.publishedFrom())
        .map(s -> "aggregate " + s.aggregateId() + " versions " + (s.publishedFrom() + 1) + ".." + s.publishedUpTo())
        .toList();
    return named.size() <= 5 ? String.join(", ", named)
        : String.join(", ", named.subList(0, 5)) + " and " + (named.size() - 5) + " more streams";
  }

  private int publishStep() {
    if (prefetched == null && pending.isEmpty()) {
      pending.addAll(found());
      if (pending.isEmpty()) {
        if (System.nanoTime() - leaseRenewedAt > options.renewalInterval().toNanos()) {
          renewLease();
        }
        return 0;
      }
    }
    if (System.nanoTime() - leaseRenewedAt > options.leaseDuration().toNanos() / 2 && !renewLease()) {
      return 0; // a busy publisher renews too, or another process would take the shard over at every expiry
    }
    Batch batch = assemble(prefetched != null ? prefetched : read());
    prefetched = null;
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
    if (!writeFeed(write.build(), batch.streams)) {
      dropLease(); // another publisher took the shard over: stop writing at once
      return 0;
    }
    hwm = position;
    steps++;
    for (StreamMarks stream : batch.streams) {
      if (stream.publishedAt() != NEVER) {
        publishedHere.put(stream.aggregateId(), new Published(stream.publishedUpTo(), stream.publishedAt(), steps));
      }
    }
    instrumentation.published(shard, batch.rows.size());
    listener.reached(PublisherProgress.AFTER_FEED_WRITE);
    CompletableFuture<Void> marks = markAllAsync(batch.streams);
    if (hwm < bucketEnd(bucket) && !pending.isEmpty()) {
      // The next step's reads go out with this step's marks; its feed write waits for them (see redoLastMarks).
      prefetched = read();
    }
    marks.join();
    stepsMarked = steps;
    listener.reached(PublisherProgress.AFTER_MARK);
    if (hwm == bucketEnd(bucket)) {
      openNextBucket();
    }
    return batch.rows.size();
  }

  /** Renews the lease; false (and the lease dropped, with what was queued under it) if it was lost. */
  private boolean renewLease() {
    if (leases.renew(lease)) {
      leaseRenewedAt = System.nanoTime();
      return true;
    }
    dropLease();
    return false;
  }

  /** Forgets the lease and everything learnt under it; a find under way is waited for, as the finder is reused. */
  private void dropLease() {
    lease = null;
    pending.clear();
    prefetched = null;
    publishedHere.clear();
    if (nextFind != null) {
      try {
        nextFind.join();
      } catch (RuntimeException ignored) {
        // what it found is dropped anyway, and a failure of the store shows at the next step
      }
      nextFind = null;
    }
  }

  /**
   * The dirty streams to publish next, as this publisher knows them now: those of the find under way, or of a new
   * one if that found nothing left to publish, so that an append made while it ran is not left for the next poll.
   */
  private List<DirtyStream> found() {
    if (nextFind != null) {
      CompletableFuture<List<DirtyStream>> started = nextFind;
      nextFind = null;
      List<DirtyStream> found = current(Futures.join(started));
      if (!found.isEmpty()) {
        return found;
      }
    }
    return current(Futures.join(startFind()));
  }

  /**
   * Starts a find. Only the marks of steps not yet marked when it starts may be missing from what it reads, so
   * older entries of {@link #publishedHere} go (a find starts only with the queue empty: no older find's streams are
   * left to correct).
   */
  private CompletableFuture<List<DirtyStream>> startFind() {
    long marked = stepsMarked;
    publishedHere.values().removeIf(published -> published.step() <= marked);
    return finder.find().toCompletableFuture();
  }

  /** How far a stream was published by a step of this lease, when, and which step it was. */
  private record Published(long upTo, long at, long step) {}

  /**
   * Found streams as this publisher knows them now: published further by a step whose mark the find did not see,
   * and left out if published up to the head found (that step's mark clears {@code dirty}, unless an append came
   * since, which a later find sees).
   */
  private List<DirtyStream> current(List<DirtyStream> found) {
    List<DirtyStream> current = new ArrayList<>(found.size());
    for (DirtyStream stream : found) {
      Published published = publishedHere.get(stream.aggregateId());
      if (published == null || published.upTo() <= stream.published()) {
        current.add(stream);
      } else if (published.upTo() < stream.head()) {
        current.add(new DirtyStream(stream.aggregateId(), stream.head(), stream.headWritten(), published.upTo(),
            published.at()));
      }
    }
    return current;
  }

  /** Writes a feed batch; false if another publisher took the shard over. */
  private boolean writeFeed(BatchStatement batch, List<StreamMarks> streams) {
    try {
      return session.execute(batch.setConsistencyLevel(write).setSerialConsistencyLevel(serial)).wasApplied();
    } catch (RuntimeException e) {
      throw new FeedPublishingException(shard, describe(streams), e);
    }
  }

  /** Gives the shard up (for a clean shutdown), so another process need not wait for the lease to expire. */
  public void release() {
    if (lease != null) {
      leases.release(lease);
      dropLease();
    }
  }

  /** Whether this publisher currently owns its shard. */
  public boolean owns() {
    return lease != null;
  }

  /**
   * The marks of a stream published from a version up to another: the write timestamp of its new
   * {@code published} mark, and the one at which its {@code dirty} mark may be cleared, or {@link #KEEP_DIRTY}.
   */
  private record StreamMarks(UUID aggregateId, long publishedFrom, long publishedUpTo, long publishedAt,
      long clearDirtyAt) {}

  private record Batch(List<Row> rows, List<StreamMarks> streams) {}

  /** Streams taken from the queue for a step, and the reads of their unpublished events under way. */
  private record Reads(List<DirtyStream> taken, List<CompletionStage<List<Row>>> reads) {}

  /** Takes queued streams, as many events as fit in one feed batch and in the bucket, and starts reading them. */
  private Reads read() {
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
          : all(inFlight.send(() -> session.executeAsync(
              st.selectEvents.bind(stream.aggregateId(), stream.published(), upTo).setConsistencyLevel(read)))));
    }
    if (pending.isEmpty() && nextFind == null) {
      nextFind = startFind(); // it runs while this step's reads, feed write and marks go on
    }
    return new Reads(taken, reads);
  }

  /**
   * The batch of what was read, up to the byte limit. A stream cut short (by the byte limit too: one stream's
   * events may be more than a batch holds) goes back to the front of the queue with what is left; a batch always
   * takes at least one event, however large.
   */
  private Batch assemble(Reads read) {
    List<DirtyStream> taken = read.taken();
    List<CompletionStage<List<Row>>> reads = read.reads();
    List<Row> rows = new ArrayList<>();
    List<StreamMarks> streams = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < taken.size(); i++) {
      DirtyStream stream = taken.get(i);
      List<Row> events = reads.get(i).toCompletableFuture().join();
      int fitting = 0;
      while (fitting < events.size()) {
        int size = bytes(events.get(fitting));
        if (!rows.isEmpty() && bytes + size > options.maxBatchBytes()) {
          break;
        }
        bytes += size;
        rows.add(events.get(fitting++));
      }
      DirtyStream rest = stream;
      if (fitting > 0) {
        long upTo = stream.published() + fitting;
        // published only goes up: a later mark has a later (or the same) timestamp, because the events' write
        // times grow with their versions and a mark is stamped after the mark it read; on a tie the larger
        // version wins.
        long publishedAt = Math.max(events.get(fitting - 1).getLong("written"), stream.publishedWritten()) + 1;
        streams.add(new StreamMarks(stream.aggregateId(), stream.published(), upTo, publishedAt,
            upTo == stream.head() ? stream.headWritten() + 1 : KEEP_DIRTY));
        rest = new DirtyStream(stream.aggregateId(), stream.head(), stream.headWritten(), upTo, publishedAt);
      } else if (stream.published() == stream.head()) {
        // Published already (by a mark that left it dirty): only the dirty mark is left to clear.
        streams.add(new StreamMarks(stream.aggregateId(), stream.published(), stream.published(), NEVER,
            stream.headWritten() + 1));
      }
      if (fitting < events.size()) {
        // The batch is full: the rest of this stream and every stream after it wait for the next step, in order.
        for (int later = taken.size() - 1; later > i; later--) {
          pending.addFirst(taken.get(later));
        }
        pending.addFirst(rest);
        break;
      }
      if (rest.published() < rest.head()) {
        pending.addFirst(rest); // cut by the event count: its rest comes first in the next step
      }
    }
    return new Batch(rows, streams);
  }

  /**
   * The row's size in a batch: its text columns in UTF-8, plus the fixed columns and cell headers. Counted, not
   * bounded at 3 bytes a char: that bound cut the example's batches to a third of the limit's real bytes, and a
   * publisher that trails the appends catches up by the events it moves per step.
   */
  private static int bytes(Row event) {
    long text = Utf8.length(event.getString("payload")) + Utf8.length(event.getString("event_type"))
        + Utf8.length(event.getString("aggregate_type")) + Utf8.length(event.getString("user_id"));
    for (Map.Entry<String, String> entry : event.get("metadata", FeedSchema.METADATA).entrySet()) {
      text += Utf8.length(entry.getKey()) + Utf8.length(entry.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, text + ROW_OVERHEAD_BYTES);
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
  private void markAll(List<StreamMarks> streams) {
    markAllAsync(streams).join();
  }

  private CompletableFuture<Void> markAllAsync(List<StreamMarks> streams) {
    return CompletableFuture.allOf(streams.stream()
        .map(stream -> markPublished(stream).toCompletableFuture())
        .toArray(CompletableFuture[]::new));
  }

  /**
   * Records that a stream is published up to its version and clears {@code dirty} if no event arrived since: plain
   * writes, ordered by their timestamps rather than by lightweight transactions (see {@code docs/feed.md}).
   *
   * <p>{@code published} is stamped later than the event it names and than the mark it replaces, so it never goes
   * down, even when a late, fenced-off publisher's mark arrives after its successor's. {@code dirty = false} is
   * stamped one microsecond after the head that was published: it overrides that append's {@code dirty = true} and
   * loses to every later append of the stream, whose timestamps are greater (a conditional append's is its Paxos
   * ballot's, which grows strictly with each transaction on the partition; a single writer's clock only
   * increases), or equal, where {@code true} wins the tie.
   */
  private CompletionStage<Void> markPublished(StreamMarks stream) {
    UUID aggregateId = stream.aggregateId();
    boolean publish = stream.publishedAt() != NEVER;
    boolean clear = stream.clearDirtyAt() != KEEP_DIRTY;
    Statement<?> mark;
    if (publish && clear && stream.publishedAt() == stream.clearDirtyAt()) {
      mark = st.markPublishedClean.bind(stream.publishedAt(), stream.publishedUpTo(), aggregateId);
    } else if (publish && clear) {
      mark = BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
          st.markPublished.bind(stream.publishedAt(), stream.publishedUpTo(), aggregateId),
          st.clearDirty.bind(stream.clearDirtyAt(), aggregateId));
    } else if (publish) {
      mark = st.markPublished.bind(stream.publishedAt(), stream.publishedUpTo(), aggregateId);
    } else if (clear) {
      mark = st.clearDirty.bind(stream.clearDirtyAt(), aggregateId);
    } else {
      return CompletableFuture.completedFuture(null);
    }
    return execute(mark).thenApply(done -> null);
  }

  private CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
    return inFlight.send(() ->
        session.executeAsync(statement.setConsistencyLevel(write).setSerialConsistencyLevel(serial)));
  }

  /** Takes the shard's lease and repairs what a crashed predecessor may have left. */
  private boolean takeOwnership() {
    lease = leases.tryAcquire(leaseName(shard), owner).orElse(null);
    leaseRenewedAt = System.nanoTime();
    if (lease == null) {
      return false;
    }
    finder.restart();
    steps = 0;
    stepsMarked = 0;
    bucket = lease.position();
    if (!claim(bucket)) {
      dropLease();
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
   * Redoes the stream marks of the last feed batch: harmless if they were done, essential if not. Only
   * {@code published} is redone, for streams whose mark is below the batch; a stream left dirty is found again,
   * has nothing left to publish, and is cleared then.
   */
  private void redoLastMarks() {
    Row state = session.execute(st.selectBucketState.bind(shard, bucket).setConsistencyLevel(serial)).one();
    long batchStart = state.getLong("batch_start");
    Map<UUID, Long> lastVersions = new LinkedHashMap<>();
    for (Row row : session.execute(st.selectFeedRange.bind(shard, bucket, batchStart, hwm).setConsistencyLevel(read))) {
      lastVersions.merge(row.getUuid("aggregate_id"), row.getLong("version"), Math::max);
    }
    List<CompletableFuture<StreamMarks>> marks = lastVersions.entrySet().stream()
        .map(last -> inFlight.send(() -> session.executeAsync(st.selectMarkState.bind(last.getKey(), last.getValue())
                .setConsistencyLevel(read)))
            .thenApply(rs -> redoneMark(last.getKey(), last.getValue(), rs.one()))
            .toCompletableFuture())
        .toList();
    CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).join();
    // one after the other: a recovery is rare and its batch small, and a crash test can stop between two marks
    for (CompletableFuture<StreamMarks> mark : marks) {
      markPublished(mark.join()).toCompletableFuture().join();
      listener.reached(PublisherProgress.AFTER_REDONE_MARK);
    }
  }

  /**
   * The mark of a stream published up to {@code version}, unless its {@code published} is there already or its
   * rows are archived ({@code state} null).
   */
  private static StreamMarks redoneMark(UUID aggregateId, long version, Row state) {
    if (state == null) {
      // its rows were moved to the archive, which happens only once the stream is published: nothing to redo
      return new StreamMarks(aggregateId, version, version, NEVER, KEEP_DIRTY);
    }
    long published = state.isNull("published") ? 0 : state.getLong("published");
    if (published >= version) {
      return new StreamMarks(aggregateId, published, published, NEVER, KEEP_DIRTY);
    }
    long publishedWritten = state.isNull("published") ? NEVER : state.getLong("published_written");
    return new StreamMarks(aggregateId, published, version,
        Math.max(state.getLong("written"), publishedWritten) + 1, KEEP_DIRTY);
  }

  private void openNextBucket() {
    if (claim(bucket + 1) && leases.checkpoint(lease, bucket + 1)) {
      bucket++;
    } else {
      dropLease();
    }
  }

  private long bucketEnd(long b) {
    return (b + 1) * options.bucketSize();
  }

  /** The publisher's statements, prepared once. */
  private static final class Statements {
    final PreparedStatement selectEvents;
    final PreparedStatement markPublished;
    final PreparedStatement markPublishedClean;
    final PreparedStatement clearDirty;
    final PreparedStatement selectMarkState;
    final PreparedStatement createBucket;
    final PreparedStatement claimBucket;
    final PreparedStatement selectBucketState;
    final PreparedStatement selectFeedRange;
    final PreparedStatement advanceHwm;
    final PreparedStatement insertFeedRow;

    Statements(CqlSession session, String feed, String events) {
      selectEvents = session.prepare("SELECT " + FeedSchema.EVENT_COLUMNS + ", writetime(event_id) AS written FROM "
          + events + " WHERE aggregate_id = ? AND version > ? AND version <= ?");
      markPublished = session.prepare("UPDATE " + events + " USING TIMESTAMP ? SET published = ?"
          + " WHERE aggregate_id = ?");
      markPublishedClean = session.prepare("UPDATE " + events + " USING TIMESTAMP ? SET published = ?, dirty = false"
          + " WHERE aggregate_id = ?");
      clearDirty = session.prepare("UPDATE " + events + " USING TIMESTAMP ? SET dirty = false WHERE aggregate_id = ?");
      selectMarkState = session.prepare("SELECT published, writetime(published) AS published_written,"
          + " writetime(event_id) AS written FROM " + events + " WHERE aggregate_id = ? AND version = ?");
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
