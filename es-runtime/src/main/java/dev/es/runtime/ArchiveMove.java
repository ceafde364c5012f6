package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;

/**
 * Moves one closed stream to the archive table, in steps that are each safe to redo: copy its rows (the same values
 * again if redone), mark it {@code archived} (reads switch to the archive table then, with the copy whole), delete
 * its rows with one range tombstone and its snapshots with one partition tombstone. The statics stay: appends still
 * find the stream closed, reads find it archived. A run that stops anywhere leaves a state the next run completes.
 */
final class ArchiveMove {

  /** What became of a listed stream. */
  enum Outcome {
    /** Its rows are in the archive table and gone from the events table: its entry can go. */
    ARCHIVED,
    /** Closed before the cutoff, but the feed has not published all of its events: left for a later run. */
    UNPUBLISHED,
    /** Not due yet: closed at or after the cutoff, or its close may still be under way. */
    NOT_YET,
    /** The entry is left from a close that did not apply (or from another close than the one that did): drop it. */
    STALE
  }

  /**
   * How long an entry whose stream is not closed is kept: its close may still be under way (the entry is written
   * first). A close takes seconds at most, even when its outcome has to be settled.
   */
  static final Duration CLOSE_PATIENCE = Duration.ofHours(1);

  /** Rows per batch of the copy; one batch is one partition, so Cassandra's batch size limits do not apply. */
  private static final int ROWS_PER_BATCH = 100;

  /** The event columns of {@link EventSchema#EVENT_COLUMNS}, in the order both tables' statements use them. */
  private static final int EVENT_COLUMN_COUNT = EventSchema.EVENT_COLUMNS.split(",").length;

  private final CqlSession session;
  private final EventStoreOptions options;
  private final LifecycleStatements st;

  ArchiveMove(CassandraEventStore store) {
    this.session = store.session();
    this.options = store.options();
    this.st = store.lifecycle();
  }

  /**
   * Moves the stream if it is due: closed at {@code listedAt} (the time its entry names), before {@code cutoff},
   * and published.
   */
  Outcome move(UUID aggregateId, Instant listedAt, Instant cutoff, Instant now) {
    // at SERIAL: completes a close whose Paxos round is still open, so "not closed" is final for this entry
    Row state = session.execute(st.selectArchiveState.bind(aggregateId)
        .setConsistencyLevel(options.serialConsistency())).one();
    Instant closed = state == null ? null : state.getInstant("closed");
    if (closed == null) {
      return listedAt.plus(CLOSE_PATIENCE).isBefore(now) ? Outcome.STALE : Outcome.NOT_YET;
    }
    if (!closed.equals(listedAt)) {
      return Outcome.STALE; // the close that applied listed the stream under its own time
    }
    long head = state.getLong("head");
    if (!state.isNull("archived")) {
      deleteRows(aggregateId, head);
      return Outcome.ARCHIVED;
    }
    if (!closed.isBefore(cutoff)) {
      return Outcome.NOT_YET;
    }
    boolean dirty = !state.isNull("dirty") && state.getBoolean("dirty");
    long published = state.isNull("published") ? 0 : state.getLong("published");
    if (dirty || published < head) {
      return Outcome.UNPUBLISHED;
    }
    long copied = copy(aggregateId, head);
    if (copied != head) {
      Row again = session.execute(st.selectArchiveState.bind(aggregateId)
          .setConsistencyLevel(options.serialConsistency())).one();
      if (again == null || again.isNull("archived")) {
        throw new EventStoreException("the stream of aggregate " + aggregateId + " has its versions 1.." + copied
            + " in a row and head " + head + ": not archived");
      }
      // another archiver moved it meanwhile and deleted the rows this copy was reading
    } else {
      session.execute(st.markArchived.bind(now, aggregateId).setConsistencyLevel(options.writeConsistency()));
    }
    deleteRows(aggregateId, head);
    return Outcome.ARCHIVED;
  }

  /** Copies versions 1..head to the archive table; returns how many versions in a row from 1 it found. */
  private long copy(UUID aggregateId, long head) {
    Iterator<Row> rows = PagedRows.iterator(() -> session.executeAsync(st.selectRowsUpTo.bind(aggregateId, head)
        .setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize())),
        options.eventsTable(), options.pageListener());
    long copied = 0;
    Batch batch = new Batch();
    while (rows.hasNext()) {
      Row row = rows.next();
      if (row.getLong("version") != copied + 1) {
        break;
      }
      copied++;
      batch.add(row);
      if (batch.full()) {
        batch = batch.sent();
      }
    }
    batch.sent();
    return copied;
  }

  private void deleteRows(UUID aggregateId, long head) {
    session.execute(st.deleteRowsUpTo.bind(aggregateId, head).setConsistencyLevel(options.writeConsistency()));
    session.execute(st.deleteSnapshots.bind(aggregateId).setConsistencyLevel(options.writeConsistency()));
  }

  /** Rows of one stream on their way to the archive table, as one unlogged single-partition batch. */
  private final class Batch {
    private final BatchStatementBuilder statements = BatchStatement.builder(DefaultBatchType.UNLOGGED)
        .setConsistencyLevel(options.writeConsistency());
    private int rows;
    private long bytes;

    /** Binds the row's stored bytes as they are: no decoding, and a null left unset (no tombstone). */
    void add(Row row) {
      BoundStatementBuilder insert = st.insertArchived.boundStatementBuilder();
      for (int i = 0; i < EVENT_COLUMN_COUNT; i++) {
        ByteBuffer value = row.getBytesUnsafe(i);
        if (value != null) {
          insert.setBytesUnsafe(i, value);
          bytes += value.remaining();
        }
      }
      statements.addStatement(insert.build());
      rows++;
    }

    boolean full() {
      return rows >= ROWS_PER_BATCH || bytes >= options.maxBatchBytes();
    }

    /** Sends what it holds; returns an empty batch. */
    Batch sent() {
      if (rows > 0) {
        session.execute(statements.build());
      }
      return new Batch();
    }
  }
}
