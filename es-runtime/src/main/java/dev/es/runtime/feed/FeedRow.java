package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.runtime.internal.EventRows;

/**
 * One published row of the feed, not yet decoded: a consumer looks at {@link #ref()} (its type above all) and
 * decodes only the events it handles, so an event type this process does not know stops nobody who does not
 * handle it.
 */
public final class FeedRow {

  private final FeedEventRef ref;
  private final Row row;
  private final CassandraEventStore store;

  FeedRow(FeedEventRef ref, Row row, CassandraEventStore store) {
    this.ref = ref;
    this.row = row;
    this.store = store;
  }

  /** Which event this is, read without decoding its payload. */
  public FeedEventRef ref() {
    return ref;
  }

  /**
   * The event with its payload read and upcast to the newest revision.
   *
   * @throws UnknownEventTypeException if no registered class has the row's type name and revision
   * @throws EventDeserializationException if the payload cannot be read or upcast
   */
  public FeedEvent decode() {
    return new FeedEvent(ref.shard(), ref.position(), EventRows.decode(store, row));
  }

  @Override
  public String toString() {
    return "FeedRow[" + ref.describe() + "]";
  }
}
