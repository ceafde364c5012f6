package dev.es.runtime.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.runtime.internal.EventRows;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an operator needs to see in a running system, through the store's session and options: this first part
 * reads streams. It decodes with the store's registry and serializer, and shows an event of a type or revision the
 * process does not know as its stored JSON instead of failing, so that a tool built without the application's event
 * classes still shows every stream.
 */
public final class EsAdmin {

  private final CassandraEventStore store;
  private final PreparedStatement selectStream;

  /** For the store's keyspace; its tables must exist ({@link CassandraEventStore#initialize()}). */
  public EsAdmin(CassandraEventStore store) {
    this.store = Objects.requireNonNull(store, "store");
    CqlSession session = store.session();
    this.selectStream = session.prepare("SELECT * FROM " + store.options().keyspace() + "."
        + store.options().eventsTable() + " WHERE aggregate_id = ? AND version >= ? LIMIT ?");
  }

  /**
   * An aggregate's stream: its head and publishing state, up to {@code limit} events from {@code fromVersion} on,
   * and its snapshots.
   *
   * @throws AggregateNotFoundException if no event is stored for {@code aggregateId}
   * @throws IllegalArgumentException if {@code fromVersion} is below 1 or {@code limit} below 1
   */
  public StreamInspection stream(UUID aggregateId, long fromVersion, int limit) {
    Objects.requireNonNull(aggregateId, "aggregateId");
    if (fromVersion < 1) {
      throw new IllegalArgumentException("fromVersion must be at least 1, was " + fromVersion);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<Row> rows = store.session().execute(selectStream.bind(aggregateId, fromVersion, limit)
        .setConsistencyLevel(store.options().readConsistency())).all();
    // every row carries the stream's static columns; a page past the head has no row, so the first one is read
    Row first = rows.isEmpty() ? firstRow(aggregateId) : rows.get(0);
    if (first == null) {
      throw new AggregateNotFoundException("of any type", aggregateId, ": no event is stored for it");
    }
    List<InspectedEvent> events = rows.stream().map(this::inspect).toList();
    List<StoredSnapshot> snapshots = store.snapshotsAtOrBelow(aggregateId, Long.MAX_VALUE).toList();
    return new StreamInspection(aggregateId, first.getString("aggregate_type"), first.getLong("head"),
        first.isNull("published") ? 0 : first.getLong("published"), first.getBoolean("dirty"), events, snapshots);
  }

  private Row firstRow(UUID aggregateId) {
    return store.session().execute(selectStream.bind(aggregateId, 1L, 1)
        .setConsistencyLevel(store.options().readConsistency())).one();
  }

  private InspectedEvent inspect(Row row) {
    Optional<Object> payload;
    Optional<String> undecodable;
    try {
      EventEnvelope<Object> envelope = EventRows.decode(store, row);
      payload = Optional.of(envelope.payload());
      undecodable = Optional.empty();
    } catch (UnknownEventTypeException | EventDeserializationException e) {
      payload = Optional.empty();
      undecodable = Optional.of(e.getMessage());
    }
    Map<String, String> metadata = row.getMap("metadata", String.class, String.class);
    return new InspectedEvent(row.getLong("version"), row.getUuid("event_id"), row.getString("event_type"),
        row.getInt("event_revision"), row.getInstant("ts"), row.getString("user_id"), metadata,
        row.getString("payload"), payload, undecodable);
  }
}
