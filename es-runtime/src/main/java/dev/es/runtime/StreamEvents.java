package dev.es.runtime;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.internal.EventRows;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Versions {@code from..to} of one stream, lazily, one page at a time: from the events table, or from the archive
 * table once {@link StreamArchiver} has moved the stream there. An unarchived stream costs the one query it always
 * did. The events table's answer itself shows where rows went to the archive: the whole stream is read without a
 * version range, so that a partition left with its statics answers with a row of statics only; and every row
 * carries the stream's head, so that a read ending below it lost its rows to the archiver meanwhile. Rows leave the
 * events table only once the archive holds them all. Only a ranged read that finds no row at all (an unknown
 * stream, or a range past the head) reads the statics to tell. A range that starts after a snapshot asks for the
 * snapshot's own version too, so that a stream at that version answers with that row, not with nothing.
 */
final class StreamEvents implements Iterator<EventEnvelope<Object>> {

  private final CassandraEventStore store;
  private final UUID aggregateId;
  private final long from;
  private final long to;
  private final boolean ranged;
  private Iterator<Row> rows;
  private boolean archive;
  /** Where {@code version} and {@code head} are in the events table's rows. */
  private ColumnDefinitions shape;
  private int versionAt;
  private int headAt;
  private boolean seenRows;
  private boolean staticsOnly;
  /** The highest version the events table returned, the one before {@link #from} included. */
  private long last;
  /** The stream's head as the last row of the events table showed it. */
  private long head;
  private EventEnvelope<Object> next;

  StreamEvents(CassandraEventStore store, UUID aggregateId, long from, long to) {
    this.store = store;
    this.aggregateId = aggregateId;
    this.from = Math.max(1, from);
    this.to = to;
    this.ranged = this.from > 1 || to < Long.MAX_VALUE;
    this.last = this.from - 1;
  }

  /** Whether the events came from the archive table (known once the iteration ended). */
  boolean fromArchive() {
    return archive;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (rows == null) {
        rows = from > to ? Collections.emptyIterator() : eventRows();
      }
      if (rows.hasNext()) {
        take(rows.next());
      } else if (archive || !movedToArchive()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public EventEnvelope<Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    EventEnvelope<Object> event = next;
    next = null;
    return event;
  }

  private void take(Row row) {
    if (archive) {
      next = EventRows.decode(store, row);
      return;
    }
    if (shape != row.getColumnDefinitions()) {
      shape = row.getColumnDefinitions();
      versionAt = shape.firstIndexOf("version");
      headAt = shape.firstIndexOf("head");
    }
    if (row.isNull(versionAt)) {
      staticsOnly = true;
      return;
    }
    seenRows = true;
    last = row.getLong(versionAt);
    head = row.isNull(headAt) ? 0 : row.getLong(headAt);
    if (last >= from) {
      next = EventRows.decode(store, row);
    }
  }

  private Iterator<Row> eventRows() {
    EventStatements st = store.statements();
    BoundStatement query = ranged ? st.selectRange.bind(aggregateId, from - 1, to) : st.selectStream.bind(aggregateId);
    return pages(query, store.options().eventsTable());
  }

  /** Whether rows the events table lacks are in the archive: then reading goes on there, after the last row read. */
  private boolean movedToArchive() {
    boolean moved = staticsOnly || (seenRows ? last < Math.min(to, head)
        : ranged && store.streamHead(aggregateId).archived() != null);
    if (!moved) {
      return false;
    }
    archive = true;
    rows = pages(store.lifecycle().selectArchivedRange.bind(aggregateId, Math.max(from, last + 1), to),
        store.options().archiveTable());
    return true;
  }

  private Iterator<Row> pages(BoundStatement query, String table) {
    EventStoreOptions options = store.options();
    BoundStatement paged = query.setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize());
    return PagedRows.iterator(() -> store.session().executeAsync(paged), table, options.pageListener());
  }
}
