package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.TableCreation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the parked events table (created by {@code Feed.initialize()}, described in {@code FeedSchema}).
 * Every change is a lightweight transaction: the workers park, remove and update rows while the API marks them with
 * requests, possibly from another process, and a plain write racing a conditional one is ordered by timestamps, not
 * by when it happened (a request could revive a removed row). Parking is the exception, so the cost does not
 * matter.
 */
final class ParkedEventStore {

  private static final String COLUMNS = "projection, shard, aggregate_id, version, position, event_id, event_type,"
      + " event_revision, ts, failure, attempts, parked_at, requested";

  private final CqlSession session;
  private final EventStoreOptions options;
  private final PreparedStatement selectShard;
  private final PreparedStatement selectFirst;
  private final PreparedStatement insert;
  private final PreparedStatement request;
  private final PreparedStatement delete;
  private final PreparedStatement failedAgain;
  private final PreparedStatement clearRequest;

  ParkedEventStore(CqlSession session, EventStoreOptions options) {
    this.session = session;
    this.options = options;
    String table = options.keyspace() + "." + FeedOptions.PARKED_EVENTS_TABLE;
    String key = " WHERE projection = ? AND shard = ? AND aggregate_id = ? AND version = ?";
    selectShard = prepare(table, "SELECT " + COLUMNS + " FROM " + table + " WHERE projection = ? AND shard = ?");
    selectFirst = prepare(table, "SELECT " + COLUMNS + " FROM " + table + " WHERE projection = ? AND shard = ?"
        + " LIMIT ?");
    insert = prepare(table, "INSERT INTO " + table + " (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null) IF NOT EXISTS");
    request = prepare(table, "UPDATE " + table + " SET requested = ?" + key + " IF EXISTS");
    delete = prepare(table, "DELETE FROM " + table + key + " IF EXISTS");
    failedAgain = prepare(table, "UPDATE " + table + " SET failure = ?, attempts = ?, requested = null" + key
        + " IF requested = ?");
    clearRequest = prepare(table, "UPDATE " + table + " SET requested = null" + key + " IF requested = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /** A projection's parked events on one shard, per aggregate in version order. */
  List<ParkedEvent> onShard(String projection, int shard) {
    List<ParkedEvent> parked = new ArrayList<>();
    for (Row row : session.execute(selectShard.bind(projection, shard)
        .setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize()))) {
      parked.add(parkedEvent(row));
    }
    return parked;
  }

  /** The first {@code limit} of a projection's parked events on one shard, per aggregate in version order. */
  List<ParkedEvent> firstOnShard(String projection, int shard, int limit) {
    List<ParkedEvent> parked = new ArrayList<>();
    for (Row row : session.execute(selectFirst.bind(projection, shard, limit)
        .setConsistencyLevel(options.readConsistency()))) {
      parked.add(parkedEvent(row));
    }
    return parked;
  }

  /** Parks an event; false if it was parked already (a redelivery after a crash). */
  boolean park(String projection, FeedEventRef event, String failure, int attempts) {
    return execute(insert.bind(projection, event.shard(), event.aggregateId(), event.version(), event.position(),
        event.eventId(), event.eventType(), event.revision(), event.timestamp(), failure, attempts,
        options.clock().instant()));
  }

  /** Marks a parked event with a request; false if it is not parked (any more). */
  boolean request(ParkedEvent parked, ParkedEvent.Request what) {
    FeedEventRef event = parked.event();
    return execute(request.bind(what.name(), parked.projection(), event.shard(), event.aggregateId(),
        event.version()));
  }

  /** Removes a parked event: handled by a retry, or skipped; false if it was not parked any more. */
  boolean remove(ParkedEvent parked) {
    FeedEventRef event = parked.event();
    return execute(delete.bind(parked.projection(), event.shard(), event.aggregateId(), event.version()));
  }

  /**
   * Records that a retry failed again and clears the request it answered; false if the event was removed or
   * marked with another request meanwhile (which the worker then finds on its next look).
   */
  boolean failedAgain(ParkedEvent parked, String failure, int attempts) {
    FeedEventRef event = parked.event();
    return execute(failedAgain.bind(failure, attempts, parked.projection(), event.shard(), event.aggregateId(),
        event.version(), parked.requested().map(Enum::name).orElse(null)));
  }

  /** Clears a request that was done; false if the event was removed or marked with another request meanwhile. */
  boolean clearRequest(ParkedEvent parked) {
    FeedEventRef event = parked.event();
    return execute(clearRequest.bind(parked.projection(), event.shard(), event.aggregateId(), event.version(),
        parked.requested().map(Enum::name).orElse(null)));
  }

  private boolean execute(BoundStatement statement) {
    return session.execute(statement.setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency())).wasApplied();
  }

  private static ParkedEvent parkedEvent(Row row) {
    FeedEventRef event = new FeedEventRef(row.getInt("shard"), row.getLong("position"), row.getUuid("event_id"),
        row.getString("event_type"), row.getInt("event_revision"), row.getUuid("aggregate_id"),
        row.getLong("version"), row.getInstant("ts"));
    return new ParkedEvent(row.getString("projection"), event, row.getString("failure"), row.getInt("attempts"),
        row.getInstant("parked_at"), Optional.ofNullable(row.getString("requested")).map(ParkedEvent.Request::valueOf));
  }
}
