package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private final PreparedStatement selectTimestamp;

  FeedReader(CqlSession session, CassandraEventStore store, FeedSchema schema, FeedOptions options) {
    this.session = session;
    this.store = store;
    this.options = options;
    selectFrom = session.prepare("SELECT hwm, position, " + FeedSchema.EVENT_COLUMNS + " FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ? AND position >= ? LIMIT ?");
    selectHwm = session.prepare("SELECT hwm FROM " + schema.feed() + " WHERE shard = ? AND bucket = ? LIMIT 1");
    selectTimestamp = session.prepare("SELECT hwm, ts FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ? AND position = ?");
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

  /**
   * When the event at a position was appended (its event timestamp), without decoding it; empty if nothing is
   * published there yet. A consumer's lag in time is the age of the event at its checkpoint.
   */
  public Optional<Instant> timestampAt(int shard, long position) {
    Row row = session.execute(selectTimestamp.bind(shard, position / options.bucketSize(), position)
        .setConsistencyLevel(store.options().readConsistency())).one();
    if (row == null || row.isNull("hwm") || position >= row.getLong("hwm")) {
      return Optional.empty();
    }
    return Optional.ofNullable(row.getInstant("ts"));
  }

  /** The first unpublished position of a shard's bucket: how far that bucket has been published. */
  long highWaterMark(int shard, long bucket) {
    Row row = session.execute(selectHwm.bind(shard, bucket)
        .setConsistencyLevel(store.options().readConsistency())).one();
    return row == null || row.isNull("hwm") ? bucket * options.bucketSize() : row.getLong("hwm");
  }
}
