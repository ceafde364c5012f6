package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a feed shard from a position. Only positions below the shard's high-water mark are returned, so a reader
 * never sees a row that a crashed publisher left half-done.
 */
public final class FeedReader {

  private final CqlSession session;
  private final CassandraEventStore store;
  private final FeedOptions options;
  private final PreparedStatement selectFrom;
  private final PreparedStatement selectHwm;

  FeedReader(CqlSession session, CassandraEventStore store, FeedSchema schema, FeedOptions options) {
    this.session = session;
    this.store = store;
    this.options = options;
    selectFrom = session.prepare("SELECT hwm, position, " + FeedSchema.EVENT_COLUMNS + " FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ? AND position >= ? LIMIT ?");
    selectHwm = session.prepare("SELECT hwm FROM " + schema.feed() + " WHERE shard = ? AND bucket = ? LIMIT 1");
  }

  /**
   * Up to {@code max} published events of a shard, in position order, starting at {@code from}. Fewer (or none)
   * when the reader has caught up. Events of one aggregate come in version order.
   */
  public List<FeedEvent> read(int shard, long from, int max) {
    long bucket = from / options.bucketSize();
    List<FeedEvent> events = new ArrayList<>();
    for (Row row : session.execute(selectFrom.bind(shard, bucket, from, max)
        .setConsistencyLevel(store.options().readConsistency()))) {
      long position = row.getLong("position");
      if (row.isNull("hwm") || position >= row.getLong("hwm")) {
        break;
      }
      events.add(new FeedEvent(shard, position, store.decode(row)));
    }
    return events;
  }

  /** The first unpublished position of a shard's bucket: how far that bucket has been published. */
  long highWaterMark(int shard, long bucket) {
    Row row = session.execute(selectHwm.bind(shard, bucket)
        .setConsistencyLevel(store.options().readConsistency())).one();
    return row == null || row.isNull("hwm") ? bucket * options.bucketSize() : row.getLong("hwm");
  }
}
