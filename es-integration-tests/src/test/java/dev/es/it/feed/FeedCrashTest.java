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
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process appends and publishes, and is killed with SIGKILL at a fault-injection point (including in the middle of
 * a new owner's recovery, between two of the marks it redoes); after a restart, a catch-up projection holds every
 * appended event exactly once, in order.
 */
@CassandraTest
class FeedCrashTest {

  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(50)
      .withMaxBatchEvents(10)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private final CassandraCluster cluster;

  FeedCrashTest(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) {
    this.session = session;
    this.keyspace = keyspace;
    this.cluster = cluster;
  }

  @ParameterizedTest
  @ValueSource(strings = {"after-append", "after-feed-write", "after-mark", "during-redo"})
  void aKilledWriterLosesAndDuplicatesNothing(String point) throws Exception {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    InetSocketAddress node = cluster.contactPoints().get(0);
    try (ChildJvm child = ChildJvm.start(FeedCrashChild.class, node.getHostString(),
        Integer.toString(node.getPort()), cluster.localDatacenter(), keyspace.name(), point)) {
      child.awaitLine("POINT", Duration.ofSeconds(90));
      child.kill();
    }

    Map<UUID, Long> heads = new HashMap<>();
    for (Row row : session.execute("SELECT DISTINCT aggregate_id, head FROM events")) {
      heads.put(row.getUuid("aggregate_id"), row.getLong("head"));
    }
    long appended = heads.values().stream().mapToLong(Long::longValue).sum();
    assertThat(appended).isPositive();

    RecordingProjection projection = new RecordingProjection("after-" + point);
    try (FeedPublishers restarted = fixture.feed.startPublishing("restarted");
        ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(projection).build().start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> projection.count() >= appended);
      await().atMost(Duration.ofSeconds(10)).until(() -> runner.lag(projection.name()) == 0);
    }

    assertThat(projection.count()).as("exactly once").isEqualTo(appended);
    heads.forEach((id, head) -> assertThat(projection.versions().get(id))
        .as("versions of %s", id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList()));
  }
}
