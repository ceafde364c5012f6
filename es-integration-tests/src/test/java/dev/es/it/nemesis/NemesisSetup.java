package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.spi.EventType;
import java.time.Clock;
import java.time.Duration;

/** What every process of the nemesis run shares: the keyspace, the event types, the store's and the feed's options. */
final class NemesisSetup {

  static final String KEYSPACE = "es_nemesis";
  static final String DATACENTER = "datacenter1";
  /** Leases of 2 s: a pause of a publisher or consumer for 3 s or more outlives its lease. */
  static final Duration LEASE = Duration.ofSeconds(2);
  static final FeedOptions FEED = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(500)
      .withMaxBatchEvents(50)
      .withPollInterval(Duration.ofMillis(50))
      .withLeaseDuration(LEASE);

  /** The writers' tick, counted and summed by {@link TallyProjection}. */
  public record Ticked(int amount) {}

  static EventRegistry registry() {
    return new EventRegistry().register(EventType.current("Ticked", 1, Ticked.class)).registerAll(OrderEvents.TYPES);
  }

  static CassandraEventStore store(CqlSession session, AppendMode mode, Clock clock) {
    return new CassandraEventStore(session, EventStoreOptions.builder().keyspace(KEYSPACE)
        .createKeyspace(Replication.simple(3)).appendMode(mode).clock(clock).build(), registry());
  }

  static Feed feed(CqlSession session, CassandraEventStore store) {
    return new Feed(session, store, FEED);
  }

  private NemesisSetup() {}
}
