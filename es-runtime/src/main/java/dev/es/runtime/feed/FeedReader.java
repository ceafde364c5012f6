package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.internal.TableCreation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a feed shard from a position. Only positions below the shard's high-water mark are returned, so a reader
 * never sees a row that a crashed publisher left half-done. {@link #rows} leaves the payloads undecoded, for
 * consumers that decode only what they handle; {@link #read} decodes every row.
 */
public final class FeedReader {


  private final CqlSession session;
  private final CassandraEventStore store;
  private final FeedOptions options;
  private final PreparedStatement selectFrom;
  private final PreparedStatement selectHwm;
  private final PreparedStatement selectTimestamp;
  private final HeaderColumns at;

  FeedReader(CqlSession session, CassandraEventStore store, FeedSchema schema, FeedOptions options) {
    this.session = session;
    this.store = store;
    this.options = options;
    selectFrom = prepare(schema.feed(), "SELECT hwm, position, " + FeedSchema.EVENT_COLUMNS + " FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ? AND position >= ? LIMIT ?");
    at = HeaderColumns.of(selectFrom.getResultSetDefinitions());
    selectHwm = prepare(schema.feed(), "SELECT hwm FROM " + schema.feed() + " WHERE shard = ? AND bucket = ? LIMIT 1");
    selectTimestamp = prepare(schema.feed(), "SELECT hwm, ts FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ? AND position = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /**
   * Up to {@code max} published events of a shard, decoded, in position order, starting at {@code from}. Fewer (or
   * none) when the reader has caught up. Events of one aggregate come in version order.
   *
   * @throws dev.es.runtime.UnknownEventTypeException if a row's type is not registered
   * @throws dev.es.runtime.EventDeserializationException if a row's payload cannot be read
   */
  public List<FeedEvent> read(int shard, long from, int max) {
    return rows(shard, from, max).stream().map(FeedRow::decode).toList();
  }

  /**
   * Up to {@code max} published rows of a shard, in position order, starting at {@code from}, without decoding
   * their payloads: {@link FeedRow#decode} does that for the rows a consumer handles. Fewer (or none) when the
   * reader has caught up. Rows of one aggregate come in version order.
   */
  public List<FeedRow> rows(int shard, long from, int max) {
    long bucket = from / options.bucketSize();
    List<FeedRow> rows = new ArrayList<>();
    for (Row row : session.execute(selectFrom.bind(shard, bucket, from, max)
        .setConsistencyLevel(store.options().readConsistency()))) {
      long position = row.getLong(at.position);
      if (row.isNull(at.hwm) || position >= row.getLong(at.hwm)) {
        break;
      }
      rows.add(new FeedRow(new FeedEventRef(shard, position, row.getUuid(at.eventId), row.getString(at.eventType),
          row.getInt(at.revision), row.getUuid(at.aggregateId), row.getLong(at.version), row.getInstant(at.timestamp)),
          row, store));
    }
    return rows;
  }

  /** The published row at a position of a shard; empty if that position is not published. */
  public Optional<FeedRow> row(int shard, long position) {
    List<FeedRow> rows = rows(shard, position, 1);
    return rows.isEmpty() || rows.get(0).ref().position() != position ? Optional.empty() : Optional.of(rows.get(0));
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

  /** Where the header columns are in a read's result, looked up once instead of by name in every row. */
  private record HeaderColumns(int hwm, int position, int aggregateId, int version, int eventId, int eventType,
      int revision, int timestamp) {

    static HeaderColumns of(ColumnDefinitions columns) {
      return new HeaderColumns(columns.firstIndexOf("hwm"), columns.firstIndexOf("position"),
          columns.firstIndexOf("aggregate_id"), columns.firstIndexOf("version"), columns.firstIndexOf("event_id"),
          columns.firstIndexOf("event_type"), columns.firstIndexOf("event_revision"), columns.firstIndexOf("ts"));
    }
  }
}
