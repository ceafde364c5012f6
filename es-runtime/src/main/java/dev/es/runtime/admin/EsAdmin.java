package dev.es.runtime.admin;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.internal.EventRows;
import dev.es.runtime.internal.TableCreation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What an operator needs to see in a running system, through a feed and its store: streams and the feed's shards so
 * far. It decodes with the store's registry and serializer, and shows an event of a type or revision the process
 * does not know as its stored JSON instead of failing, so that a tool built without the application's event classes
 * still shows every stream.
 */
public final class EsAdmin {

  private final Feed feed;
  private final CassandraEventStore store;
  private final PreparedStatement selectStream;

  /**
   * For the feed's keyspace, with its options (shards, lease duration) and its store's; the tables must exist
   * ({@link CassandraEventStore#initialize()}, {@link Feed#initialize()}).
   *
   * @throws dev.es.runtime.MissingTableException if the events table does not exist, naming it
   */
  public EsAdmin(Feed feed) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.store = feed.store();
    String events = store.options().keyspace() + "." + store.options().eventsTable();
    this.selectStream = TableCreation.prepare(store.session(), events, "store.initialize()",
        "SELECT * FROM " + events + " WHERE aggregate_id = ? AND version >= ? LIMIT ?");
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

  /**
   * Every shard of the feed: its publisher's lease, its head position and its backlog. Plain reads and one index
   * query per shard (the backlog's): for an operator's look, not for polling at a high rate.
   */
  public List<ShardInspection> feedShards() {
    Instant now = store.options().clock().instant();
    return IntStream.range(0, feed.options().shards()).mapToObj(shard -> {
      Optional<LeaseState> lease = feed.publisherLease(shard);
      return new ShardInspection(shard, lease, lease.map(held -> held.heldAt(now)).orElse(false),
          feed.headPosition(shard), feed.backlog(shard));
    }).toList();
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
