package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.ChildJvm;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A runner handling with concurrency 8 (events of different aggregates at once, handlers of random length) and
 * checkpointing every 30 ms is killed with SIGKILL in the middle of its work; a successor takes over from the
 * stored checkpoint. If a checkpoint had ever passed an event not yet handled, the successor would start after
 * it and the event would never be handled: every event is handled at least once, and each runner handled each
 * aggregate's versions consecutively, the successor starting at or before where the dead one stopped.
 */
@CassandraTest
class ConcurrentRunnerCrashTest {

  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1500));
  static final int MAX_HANDLER_MILLIS = 12;

  @Test
  void aRunnerKilledMidBatchLeavesNoEventUnhandledAndEachAggregateInVersionOrder(
      CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) throws Exception {
    FeedFixture fixture = new FeedFixture(session, keyspace.name(), OPTIONS);
    Map<UUID, Long> heads = new LinkedHashMap<>();
    for (int i = 0; i < 24; i++) {
      UUID id = UUID.randomUUID();
      long version = 0;
      for (int append = 0; append < 5; append++) {
        version = fixture.append(id, version, 4);
      }
      heads.put(id, version);
    }
    long total = heads.values().stream().mapToLong(Long::longValue).sum();
    InetSocketAddress node = cluster.contactPoints().get(0);
    try (FeedPublishers publishers = fixture.feed.startPublishing("parent")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> fixture.feed.allPublished());
      try (ChildJvm child = ChildJvm.start(ConcurrentRunnerChild.class, node.getHostString(),
          Integer.toString(node.getPort()), cluster.localDatacenter(), keyspace.name())) {
        child.awaitLine("STARTED", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
            .until(() -> HandlingLog.count(session, keyspace.name()) >= total / 3);
        child.kill();
      }
      long handledByChild = HandlingLog.count(session, keyspace.name());
      long checkpointed = 0;
      for (int shard = 0; shard < OPTIONS.shards(); shard++) {
        checkpointed += fixture.feed.leases().position("projection:" + HandlingLog.NAME + ":" + shard);
      }
      assertThat(handledByChild).as("killed in the middle").isLessThan(total);
      assertThat(checkpointed).as("the child had stored checkpoints").isPositive();

      FeedEventsAwait.untilLeasesExpire(OPTIONS);
      try (ProjectionRunner successor = ProjectionRunner.builder(fixture.feed).owner("successor")
          .add(new HandlingLog(session, keyspace.name(), "successor", 2),
              ProjectionOptions.defaults().withConcurrency(8))
          .build().start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> successor.lag(HandlingLog.NAME) == 0);
      }
    }

    Map<UUID, Map<String, List<HandlingLog.Handling>>> handlings = HandlingLog.read(session, keyspace.name());
    assertThat(handlings.keySet()).containsExactlyInAnyOrderElementsOf(heads.keySet());
    int repeated = 0;
    for (Map.Entry<UUID, Long> stream : heads.entrySet()) {
      Map<String, List<HandlingLog.Handling>> byRunner = handlings.get(stream.getKey());
      List<Long> child = versions(byRunner.getOrDefault("child", List.of()));
      List<Long> successor = versions(byRunner.getOrDefault("successor", List.of()));
      String what = "aggregate " + stream.getKey() + ": child " + child + ", successor " + successor;
      assertThat(child).as(what).isEqualTo(consecutive(1, child.size()));
      long resumedAt = successor.isEmpty() ? stream.getValue() + 1 : successor.get(0);
      assertThat(resumedAt).as("no gap: " + what).isLessThanOrEqualTo(child.size() + 1L);
      assertThat(successor).as(what).isEqualTo(consecutive(resumedAt, successor.size()));
      assertThat(resumedAt + successor.size() - 1).as("all handled: " + what).isEqualTo(stream.getValue());
      repeated += Math.max(0, child.size() - (int) resumedAt + 1);
    }
    org.slf4j.LoggerFactory.getLogger(getClass()).info(
        "{} events; the child handled {} before SIGKILL; {} handled again by the successor", total,
        handlings.values().stream().mapToLong(r -> r.getOrDefault("child", List.of()).size()).sum(), repeated);
  }

  private static List<Long> versions(List<HandlingLog.Handling> handlings) {
    List<Long> versions = new ArrayList<>();
    handlings.forEach(h -> versions.add(h.version()));
    return versions;
  }

  private static List<Long> consecutive(long from, int count) {
    return LongStream.range(from, from + count).boxed().toList();
  }
}
