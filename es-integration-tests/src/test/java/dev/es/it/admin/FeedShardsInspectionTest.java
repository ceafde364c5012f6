package dev.es.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.admin.ShardInspection;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.feed.LeaseState;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link EsAdmin#feedShards}: who publishes each shard, how far, and what waits to be published. */
@CassandraTest
class FeedShardsInspectionTest {

  @Test
  void eachShardShowsItsPublisherItsHeadAndItsBacklogBeforeDuringAndAfterPublishing(CqlSession session,
      TestKeyspace keyspace) {
    CassandraEventStore store = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false).build(),
        EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    Feed feed = new Feed(session, store, FeedOptions.defaults().withShards(2).withPollInterval(Duration.ofMillis(20)));
    feed.initialize();
    EsAdmin admin = new EsAdmin(feed);

    assertThat(admin.feedShards()).extracting(ShardInspection::shard).containsExactly(0, 1);
    assertThat(admin.feedShards()).allSatisfy(shard -> {
      assertThat(shard.publisherLease()).isEmpty();
      assertThat(shard.publishing()).isFalse();
      assertThat(shard.headPosition()).isZero();
      assertThat(shard.backlog().events()).isZero();
    });

    for (int i = 0; i < 6; i++) {
      store.append("Account", UUID.randomUUID(), ExpectedVersion.noStream(),
          List.of(new AccountEvent.Deposited(BigDecimal.ONE, "EUR")));
    }
    assertThat(admin.feedShards().stream().mapToLong(shard -> shard.backlog().events()).sum()).isEqualTo(6);
    assertThat(admin.feedShards()).allSatisfy(shard -> assertThat(shard.publishing()).isFalse());

    try (FeedPublishers publishers = feed.startPublishing("inspected-publisher")) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        List<ShardInspection> shards = admin.feedShards();
        assertThat(shards.stream().mapToLong(ShardInspection::headPosition).sum()).isEqualTo(6);
        assertThat(shards).allSatisfy(shard -> {
          assertThat(shard.publishing()).isTrue();
          assertThat(shard.publisherLease()).map(LeaseState::owner).hasValue("inspected-publisher");
          assertThat(shard.backlog().events()).isZero();
        });
      });
    }
    // closing the publishers releases their leases: the shards show who published them last, and that no one does
    assertThat(admin.feedShards()).allSatisfy(shard -> {
      assertThat(shard.publishing()).isFalse();
      assertThat(shard.publisherLease()).map(LeaseState::owner).hasValue("inspected-publisher");
    });
  }
}
