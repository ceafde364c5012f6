package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.ChildJvm;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A runner that parked events is killed (SIGKILL) before its checkpoint passed them, so its successor reads them
 * again from the feed: it must find them parked (from Cassandra), neither handle nor try them again, and keep
 * holding their aggregate back, while it handles everything else.
 */
@CassandraTest
class ParkedCrashTest {

  static final String NAME = "parked-crash";
  /** A long lease: the child renews (and so checkpoints) only a quarter of it after taking it. */
  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofSeconds(40));

  /** The runner of the child and of its successor: same owner, so the successor takes the dead child's leases. */
  static ProjectionRunner runner(FeedFixture fixture, RecordingProjection projection) {
    return ProjectionRunner.builder(fixture.feed).owner("child")
        .add(projection, ProjectionOptions.defaults().withFailurePolicy(FailurePolicy.PARK))
        .retries(1, Duration.ofMillis(1))
        .checkpointInterval(Duration.ofHours(1))
        .build();
  }

  /** A projection whose handler fails on every note whose text is "poison". */
  static RecordingProjection poisonRefusing() {
    RecordingProjection projection = new RecordingProjection(NAME);
    projection.failOn(event -> event.envelope().payload() instanceof Noted note && note.text().equals("poison"));
    return projection;
  }

  @Test
  void parkedEventsReadAgainAfterACrashStayParkedUntriedAndTheirAggregateStaysHeldBack(
      CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) throws Exception {
    FeedFixture fixture = new FeedFixture(session, keyspace.name(), OPTIONS);
    UUID poisoned = UUID.randomUUID();
    UUID healthy = UUID.randomUUID();
    InetSocketAddress node = cluster.contactPoints().get(0);
    try (FeedPublishers publishers = fixture.feed.startPublishing("parent");
        ChildJvm child = ChildJvm.start(ParkedCrashChild.class, node.getHostString(),
            Integer.toString(node.getPort()), cluster.localDatacenter(), keyspace.name(), "3")) {
      child.awaitLine("STARTED", Duration.ofSeconds(60));
      fixture.store.append(FeedFixture.AGGREGATE_TYPE, poisoned, ExpectedVersion.noStream(),
          List.of(new Noted(1, "poison"), new Noted(2, "two"), new Noted(3, "three")));
      fixture.append(healthy, 0, 3);
      child.awaitLine("PARKED", Duration.ofSeconds(60));
      child.kill();

      FeedEvent first = fixture.readAll().stream()
          .filter(e -> e.envelope().aggregateId().equals(poisoned) && e.envelope().version() == 1)
          .findFirst().orElseThrow();
      long checkpoint = fixture.feed.leases().position("projection:" + NAME + ":" + first.shard());
      assertThat(checkpoint).as("the child died before its checkpoint passed the parked events")
          .isLessThanOrEqualTo(first.position());

      RecordingProjection successor = poisonRefusing();
      try (ProjectionRunner runner = runner(fixture, successor).start()) {
        fixture.append(poisoned, 3, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.lag(NAME) == 0
            && runner.parkedEvents().list(NAME, 100).size() == 4);
        List<ParkedEvent> parked = runner.parkedEvents().list(NAME, 100);
        assertThat(parked).extracting(p -> p.event().aggregateId()).containsOnly(poisoned);
        assertThat(parked).extracting(p -> p.event().version()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(parked.get(0).attempts()).as("parked by the child after its one attempt").isEqualTo(1);
        assertThat(successor.handled()).as("the successor neither handles nor tries the poisoned aggregate")
            .noneMatch(e -> e.envelope().aggregateId().equals(poisoned));
        assertThat(successor.attempted(poisoned)).isZero();
      }
    }
  }
}
