package dev.es.it.lifecycle;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.StreamArchiver;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A store with its feed and archiver on the test class's keyspace. The feed's publishers live as long as the
 * fixture, under a lease that outlasts the test class, so that no test depends on a publisher taking a shard over.
 */
final class LifecycleFixture {

  static final FeedOptions FEED = FeedOptions.defaults().withShards(2).withLeaseDuration(Duration.ofMinutes(10));

  final CqlSession session;
  final String keyspace;
  final CassandraEventStore store;
  final Feed feed;
  final TicketRepository tickets;
  final ScoreRepository scores;
  final StreamArchiver archiver;
  private final List<FeedPublisher> publishers = new ArrayList<>();

  LifecycleFixture(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace.name();
    this.store = store(UnaryOperator.identity());
    store.initialize();
    this.tickets = new TicketRepository(store);
    this.scores = new ScoreRepository(store);
    this.feed = new Feed(session, store, FEED);
    feed.initialize();
    this.archiver = new StreamArchiver(store);
  }

  /** Another store on the same tables, with the options changed; it knows the tickets' and scores' events. */
  CassandraEventStore store(UnaryOperator<EventStoreOptions.Builder> options) {
    CassandraEventStore other = new CassandraEventStore(session,
        options.apply(EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false)).build());
    other.registry().register(new Ticket_AggregateType()).register(new Score_AggregateType());
    return other;
  }

  CassandraEventStore store(AppendMode mode) {
    return mode == AppendMode.CONDITIONAL ? store : store(options -> options.appendMode(mode));
  }

  /** Publishes every shard to the end. */
  void publishAll() {
    if (publishers.isEmpty()) {
      for (int shard = 0; shard < FEED.shards(); shard++) {
        publishers.add(feed.publisher(shard, "lifecycle-test"));
      }
    }
    for (FeedPublisher publisher : publishers) {
      while (publisher.publishOnce() > 0) {
        // on to the end of the shard
      }
    }
  }

  /** Gives the publishers' leases up, so that another owner takes the shards over (and redoes their last marks). */
  void releasePublishers() {
    publishers.forEach(FeedPublisher::release);
    publishers.clear();
  }

  /** Empties the list of closed streams, so that a test's archive run sees only the streams it closes. */
  void forgetClosedStreams() {
    session.execute("TRUNCATE " + keyspace + "." + store.options().closedStreamsTable());
  }

  long eventRows(UUID aggregateId) {
    return count(store.options().eventsTable() + " WHERE aggregate_id = ? AND version >= 1", aggregateId);
  }

  long archivedRows(UUID aggregateId) {
    return count(store.options().archiveTable() + " WHERE aggregate_id = ?", aggregateId);
  }

  long snapshots(UUID aggregateId) {
    return count(store.options().snapshotsTable() + " WHERE aggregate_id = ?", aggregateId);
  }

  /** The entries of the list of closed streams naming the aggregate, on any day. */
  long closedEntries(UUID aggregateId) {
    return session.execute("SELECT aggregate_id FROM " + keyspace + "." + store.options().closedStreamsTable())
        .all().stream().filter(row -> aggregateId.equals(row.getUuid(0))).count();
  }

  private long count(String tableAndWhere, UUID aggregateId) {
    return session.execute("SELECT count(*) FROM " + keyspace + "." + tableAndWhere, aggregateId).one().getLong(0);
  }
}
