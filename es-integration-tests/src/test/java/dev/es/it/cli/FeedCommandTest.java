package dev.es.it.cli;

import static dev.es.it.cli.EsCli.es;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.it.cli.EsCli.Run;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code es feed}: each shard's publisher, head and backlog, as text and JSON, before, while and after publishing. */
@CassandraTest
class FeedCommandTest {

  private static final int EVENTS = 6;

  private final CassandraCluster cluster;
  private final String keyspace;

  FeedCommandTest(CassandraCluster cluster, TestKeyspace keyspace) {
    this.cluster = cluster;
    this.keyspace = keyspace.name();
  }

  private Run feed(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "--keyspace";
    all[1] = keyspace;
    all[2] = "--shards";
    all[3] = "2";
    all[4] = "feed";
    System.arraycopy(args, 0, all, 5, args.length);
    return es(cluster, all);
  }

  private static List<JsonNode> shards(Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return StreamSupport.stream(new ObjectMapper().readTree(run.out()).get("shards").spliterator(), false).toList();
  }

  @Test
  void eachShardShowsItsPublisherItsHeadAndItsBacklogBeforeWhileAndAfterPublishing(CqlSession session)
      throws IOException {
    CassandraEventStore store = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false).build(),
        EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    Feed feed = new Feed(session, store, FeedOptions.defaults().withShards(2).withPollInterval(Duration.ofMillis(20)));
    feed.initialize();
    for (int i = 0; i < EVENTS; i++) {
      store.append("Account", UUID.randomUUID(), ExpectedVersion.noStream(),
          List.of(new AccountEvent.Deposited(BigDecimal.ONE, "EUR")));
    }

    Run unpublished = feed();
    assertThat(unpublished.exitCode()).as(unpublished.err()).isZero();
    assertThat(unpublished.err()).isEmpty();
    List<String[]> rows = unpublished.rows();
    assertThat(rows.get(0))
        .containsExactly("SHARD", "PUBLISHER", "LEASE", "EXPIRES", "HEAD", "BACKLOG", "STREAMS", "WAITING");
    assertThat(rows.subList(1, rows.size())).extracting(row -> row[0]).containsExactly("0", "1");
    assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
      assertThat(row[1]).as("no publisher ever ran").isEqualTo("-");
      assertThat(row[2]).isEqualTo("-");
      assertThat(row[4]).as("head").isEqualTo("0");
      if (row[5].equals("0")) {
        assertThat(row[7]).as("waiting, without backlog").isEqualTo("-");
      } else {
        assertThat(row[7]).as("waiting").matches("\\d+(ms|s)|\\d+m\\d\\ds");
      }
    });
    assertThat(rows.subList(1, rows.size()).stream().mapToLong(row -> Long.parseLong(row[5])).sum()).isEqualTo(EVENTS);

    List<JsonNode> before = shards(feed("--json"));
    assertThat(before).extracting(shard -> shard.get("shard").asInt()).containsExactly(0, 1);
    assertThat(before).allSatisfy(shard -> {
      assertThat(shard.get("publisher").isNull()).isTrue();
      assertThat(shard.get("publishing").asBoolean()).isFalse();
      assertThat(shard.get("leaseExpires").isNull()).isTrue();
      assertThat(shard.get("headPosition").asLong()).isZero();
      assertThat(shard.get("oldestUnpublishedAt").isNull()).isEqualTo(shard.get("backlogEvents").asLong() == 0);
    });
    assertThat(before.stream().mapToLong(shard -> shard.get("backlogEvents").asLong()).sum()).isEqualTo(EVENTS);
    assertThat(before.stream().mapToLong(shard -> shard.get("backlogStreams").asLong()).sum()).isEqualTo(EVENTS);

    try (FeedPublishers publishers = feed.startPublishing("cli-publisher")) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shards(feed("--json")))
          .allSatisfy(shard -> assertThat(shard.get("backlogEvents").asLong()).isZero()));
      List<JsonNode> publishing = shards(feed("--json"));
      assertThat(publishing).allSatisfy(shard -> {
        assertThat(shard.get("publisher").asText()).isEqualTo("cli-publisher");
        assertThat(shard.get("publishing").asBoolean()).isTrue();
        assertThat(Instant.parse(shard.get("leaseExpires").asText())).isAfter(Instant.now());
        assertThat(shard.get("backlogStreams").asLong()).isZero();
        assertThat(shard.get("backlogAgeMillis").asLong()).isZero();
      });
      assertThat(publishing.stream().mapToLong(shard -> shard.get("headPosition").asLong()).sum()).isEqualTo(EVENTS);

      Run text = feed();
      assertThat(text.rows().subList(1, 3)).allSatisfy(row -> {
        assertThat(row[1]).isEqualTo("cli-publisher");
        assertThat(row[2]).isEqualTo("held");
        assertThat(row[5]).isEqualTo("0");
        assertThat(row[7]).isEqualTo("-");
      });
    }
    // closing the publishers released their leases: each shard shows who published it last, and that none does now
    assertThat(feed().rows().subList(1, 3)).allSatisfy(row -> {
      assertThat(row[1]).isEqualTo("cli-publisher");
      assertThat(row[2]).isEqualTo("free");
    });
  }

  @Test
  void aKeyspaceWithoutTheFeedsTablesIsOneLineNamingTheTableAndExitCode3(CqlSession session) {
    String storeOnly = keyspace + "_store_only";
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + storeOnly
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    try {
      new CassandraEventStore(session, EventStoreOptions.builder().keyspace(storeOnly).createKeyspace(false).build())
          .initialize();

      Run run = es(cluster, "feed", "--keyspace", storeOnly);

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("es: table " + storeOnly + ".").contains("does not exist", "feed.initialize()");
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + storeOnly);
    }
  }
}
