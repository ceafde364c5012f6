package dev.es.it.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.saga.SagaRunner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A store with the customers' and deliveries' events, its feed, and what the tests look at in Cassandra. */
final class PrivacyFixture {

  static final FeedOptions FEED = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  final CqlSession session;
  final String keyspace;
  final CassandraEventStore store;
  final AggregateRootRepository<Customer, CustomerEvent> customers;
  final Feed feed;

  PrivacyFixture(CqlSession session, String keyspace) {
    this(session, keyspace, options -> options);
  }

  PrivacyFixture(CqlSession session, String keyspace, UnaryOperator<EventStoreOptions.Builder> options) {
    this.session = session;
    this.keyspace = keyspace;
    store = newStore(session, keyspace, options);
    store.initialize();
    customers = new AggregateRootRepository<>(store, new Customer_AggregateType());
    feed = new Feed(session, store, FEED);
    feed.initialize();
    SagaRunner.initialize(feed);
  }

  /**
   * A store on the keyspace that knows the customers' (generated) and the deliveries' event types; nothing is
   * created. Another one on the same tables is what another process of the application has.
   */
  static CassandraEventStore newStore(
      CqlSession session, String keyspace, UnaryOperator<EventStoreOptions.Builder> options) {
    return new CassandraEventStore(session,
        options.apply(EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false)).build(),
        EventRegistry.of(new Customer_AggregateType()).register(PersonalTypes.DELIVERY_BOOKED));
  }

  /** The payloads of a stream as stored in the events table, oldest first. */
  List<String> storedPayloads(UUID aggregateId) {
    List<String> payloads = new ArrayList<>();
    for (Row row : session.execute("SELECT payload FROM " + keyspace + ".events WHERE aggregate_id = ?",
        aggregateId)) {
      payloads.add(row.getString("payload"));
    }
    return payloads;
  }

  /** The payloads of a stream as the feed table holds them. */
  List<String> feedPayloads(UUID aggregateId) {
    List<String> payloads = new ArrayList<>();
    for (Row row : session.execute("SELECT aggregate_id, payload FROM " + keyspace + ".feed")) {
      if (aggregateId.equals(row.getUuid("aggregate_id"))) {
        payloads.add(row.getString("payload"));
      }
    }
    return payloads;
  }

  /** Every published event of the stream, read and decoded through the feed's reader, shard by shard. */
  List<FeedEvent> feedEvents(UUID aggregateId) {
    List<FeedEvent> events = new ArrayList<>();
    for (int shard = 0; shard < FEED.shards(); shard++) {
      long position = 0;
      for (List<FeedEvent> page = feed.reader().read(shard, position, 100); !page.isEmpty();
          page = feed.reader().read(shard, position, 100)) {
        page.stream().filter(e -> e.envelope().aggregateId().equals(aggregateId)).forEach(events::add);
        position = page.get(page.size() - 1).position() + 1;
      }
    }
    return events;
  }

  /** Every table of the keyspace. */
  Set<String> tables() {
    Set<String> tables = new TreeSet<>();
    for (Row row : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
        keyspace)) {
      tables.add(row.getString("table_name"));
    }
    return tables;
  }

  /**
   * Where {@code text} occurs in the keyspace, as {@code table.column}: a scan of every row of every table, each
   * value as text (blobs as UTF-8; collections with their elements).
   */
  Set<String> whereStored(String text) {
    Set<String> found = new TreeSet<>();
    for (String table : tables()) {
      for (Row row : session.execute("SELECT * FROM " + keyspace + "." + table)) {
        for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
          ColumnDefinition column = row.getColumnDefinitions().get(i);
          Object value = row.getObject(i);
          String asText = value instanceof ByteBuffer bytes
              ? StandardCharsets.UTF_8.decode(bytes.duplicate()).toString() : String.valueOf(value);
          if (asText.contains(text)) {
            found.add(table + "." + column.getName().asInternal());
          }
        }
      }
    }
    return found;
  }

  /** The id of the subject's stored key, or null. */
  UUID keyIdOf(String subject) {
    Row row = session.execute("SELECT key_id FROM " + keyspace + ".subject_keys WHERE subject = ?", subject).one();
    return row == null ? null : row.getUuid("key_id");
  }

  /** The aggregates listed under the subject. */
  Set<UUID> streamsOf(String subject) {
    Set<UUID> ids = new TreeSet<>();
    for (Row row : session.execute("SELECT aggregate_id FROM " + keyspace + ".subject_streams WHERE subject = ?",
        subject)) {
      ids.add(row.getUuid("aggregate_id"));
    }
    return ids;
  }
}
