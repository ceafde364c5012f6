package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.it.support.ChildJvm;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two runners host the same projection: only the lease holder handles events; when it dies (SIGKILL), the other
 * takes over from the dead one's checkpoint, so the only events both handle are the ones the dead runner had not
 * checkpointed yet.
 */
@CassandraTest
class TwoRunnersTest {

  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1500));

  @Test
  void theSecondRunnerHandlesNothingUntilTheFirstDiesThenTakesOverFromItsCheckpoint(
      CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) throws Exception {
    FeedFixture fixture = new FeedFixture(session, keyspace.name(), OPTIONS);
    Map<UUID, Long> heads = new HashMap<>();
    InetSocketAddress node = cluster.contactPoints().get(0);
    try (ChildJvm a = ChildJvm.start(RunnerChild.class, node.getHostString(), Integer.toString(node.getPort()),
            cluster.localDatacenter(), keyspace.name());
        FeedPublishers publishers = fixture.feed.startPublishing("parent")) {
      a.awaitLine("STARTED", Duration.ofSeconds(60));
      // a alone first, so that it holds every shard's lease before b starts competing for them
      appendRounds(fixture, heads, 20);
      await().atMost(Duration.ofSeconds(60)).until(() -> handledBy(session, "a") == total(heads));
      try (ProjectionRunner b = ProjectionRunner.builder(fixture.feed).owner("b")
          .add(new HandledTable(session, keyspace.name(), "b")).build().start()) {
        appendRounds(fixture, heads, 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> handledBy(session, "a") >= total(heads));
        // watched for a while, not sampled once: b must stay idle while a holds the leases
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> handledBy(session, "b") == 0);

        appendRounds(fixture, heads, 5);
        a.kill();
        Map<Integer, Long> checkpointsOfA = new HashMap<>();
        for (int shard = 0; shard < OPTIONS.shards(); shard++) {
          checkpointsOfA.put(shard, fixture.feed.leases().position("projection:" + HandledTable.NAME + ":" + shard));
        }
        appendRounds(fixture, heads, 5);

        await().atMost(Duration.ofSeconds(30)).until(() -> b.lag(HandledTable.NAME) == 0
            && distinctHandled(session) == total(heads));

        for (Row row : session.execute("SELECT event_id, shard, position FROM handled WHERE runner = 'b' ALLOW FILTERING")) {
          assertThat(row.getLong("position"))
              .as("b starts where a's checkpoint of shard %d was", row.getInt("shard"))
              .isGreaterThanOrEqualTo(checkpointsOfA.get(row.getInt("shard")));
        }
        assertThat(handledBy(session, "b")).as("b took over").isPositive();
        // an event may be handled by a and then again by b (a died before checkpointing it), never twice by one
        Map<String, Long> calls = new HashMap<>();
        for (Row row : session.execute("SELECT event_id, runner FROM handled")) {
          calls.merge(row.getUuid("event_id") + " by " + row.getString("runner"), 1L, Long::sum);
        }
        assertThat(calls).as("handler calls per event and runner").allSatisfy((call, count) -> assertThat(count)
            .as(call).isEqualTo(1));
      }
    }
  }

  private static void appendRounds(FeedFixture fixture, Map<UUID, Long> heads, int streams) {
    for (int i = 0; i < streams; i++) {
      UUID id = UUID.randomUUID();
      heads.put(id, fixture.append(id, 0, 3));
    }
  }

  private static long total(Map<UUID, Long> heads) {
    return heads.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long handledBy(CqlSession session, String runner) {
    return session.execute("SELECT count(*) FROM handled WHERE runner = ? ALLOW FILTERING", runner).one().getLong(0);
  }

  private static long distinctHandled(CqlSession session) {
    Set<UUID> ids = new HashSet<>();
    session.execute("SELECT event_id FROM handled").forEach(row -> ids.add(row.getUuid(0)));
    return ids.size();
  }
}
