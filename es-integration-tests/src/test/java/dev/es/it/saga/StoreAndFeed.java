package dev.es.it.saga;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.saga.SagaRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An event store and its feed on a test keyspace, with the saga tables created and the saga events registered, and
 * helpers to append and count: what the saga tests run their runners on.
 */
public final class StoreAndFeed {

  public static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  public final CqlSession session;
  public final CassandraEventStore store;
  public final Feed feed;

  public StoreAndFeed(CqlSession session, String keyspace) {
    this.session = session;
    EventRegistry registry = new EventRegistry().registerAll(OrderEvents.TYPES).registerAll(RegistrationEvents.TYPES);
    store = new CassandraEventStore(
        session, EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false).build(), registry);
    store.initialize();
    feed = new Feed(session, store, OPTIONS);
    feed.initialize();
    SagaRunner.initialize(feed);
  }

  /** Appends events to a stream at its current version, as a service outside the saga would. */
  public void append(String aggregateType, UUID id, Object... events) {
    long version = store.currentVersion(id);
    store.append(aggregateType, id, version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version),
        List.of(events));
  }

  /**
   * Every stored event of a type (registered under its simple name), across all streams: a full scan, fine for
   * a test keyspace.
   */
  public <T> List<T> all(Class<T> type) {
    String name = type.getSimpleName();
    List<T> found = new ArrayList<>();
    for (Row row : session.execute("SELECT aggregate_id, version, event_type FROM events")) {
      if (name.equals(row.getString("event_type"))) {
        store.readStream(row.getUuid("aggregate_id"), row.getLong("version"), row.getLong("version"))
            .forEach(e -> found.add(type.cast(e.payload())));
      }
    }
    return found;
  }

  /** How many stored events of each type there are, and that no event id is stored twice. */
  public Map<String, Integer> countsByType() {
    Map<String, Integer> counts = new HashMap<>();
    Set<UUID> ids = new HashSet<>();
    for (Row row : session.execute("SELECT event_type, event_id FROM events")) {
      if (!ids.add(row.getUuid("event_id"))) {
        throw new AssertionError("event id " + row.getUuid("event_id") + " is stored twice");
      }
      counts.merge(row.getString("event_type"), 1, Integer::sum);
    }
    return counts;
  }

  public int count(String eventType) {
    return countsByType().getOrDefault(eventType, 0);
  }

  /** Deadline rows still stored for a saga, due or not. */
  public long storedDeadlines(String saga) {
    return session.execute("SELECT deadline FROM saga_deadlines WHERE saga = ? ALLOW FILTERING", saga).all().size();
  }
}
