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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An owner of a range is killed (SIGKILL) right after the projection was re-split, before it could hand its range
 * over: its successors wait for its lease to expire, start at its last stored checkpoint, and nothing is lost.
 */
@CassandraTest
class ScaleOutCrashTest {

  static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(1)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1500));
  static final int MAX_HANDLER_MILLIS = 4;
  private static final int WRITERS = 2;

  @Test
  void anOwnerKilledMidHandoverLosesNothing(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster)
      throws Exception {
    FeedFixture fixture = new FeedFixture(session, keyspace.name(), OPTIONS);
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    AtomicBoolean appending = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    InetSocketAddress node = cluster.contactPoints().get(0);
    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher");
        ProjectionRunner p = runner(session, keyspace, fixture, "p")) {
      assertThat(p.split(HandlingLog.NAME, 2)).isEqualTo(1);
      p.start();
      List<Future<?>> writing = IntStream.range(0, WRITERS)
          .<Future<?>>mapToObj(w -> writers.submit(() -> write(fixture, new Random(w), heads, appending)))
          .toList();
      try (ChildJvm child = ChildJvm.start(ScaleOutChild.class, node.getHostString(),
          Integer.toString(node.getPort()), cluster.localDatacenter(), keyspace.name())) {
        child.awaitLine("STARTED", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> handledBy(session, "child") > 100
            && handledBy(session, "p") > 100);
        assertThat(p.split(HandlingLog.NAME, 3)).isEqualTo(2);
        child.kill();
      }
      try (ProjectionRunner q = runner(session, keyspace, fixture, "q").start();
          ProjectionRunner r = runner(session, keyspace, fixture, "r").start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> handledBy(session, "q") + handledBy(session, "r") > 100);
        appending.set(false);
        for (Future<?> writer : writing) {
          writer.get();
        }
        long appended = heads.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.feed.allPublished() && p.lag(HandlingLog.NAME) == 0
            && distinct(session, keyspace) == appended);
      }
    } finally {
      appending.set(false);
      writers.shutdown();
    }

    Map<UUID, Map<String, List<HandlingLog.Handling>>> handlings = HandlingLog.read(session, keyspace.name());
    long again = 0;
    for (Map.Entry<UUID, Long> stream : heads.entrySet()) {
      List<List<Long>> segments = new ArrayList<>();
      handlings.getOrDefault(stream.getKey(), Map.of()).forEach((runner, handled) -> {
        List<Long> versions = handled.stream().map(HandlingLog.Handling::version).toList();
        assertThat(versions).as("aggregate %s, runner %s: one owner's versions in order", stream.getKey(), runner)
            .isEqualTo(LongStream.range(versions.get(0), versions.get(0) + versions.size()).boxed().toList());
        segments.add(versions);
      });
      segments.sort(Comparator.comparing(versions -> versions.get(0)));
      long next = 1;
      for (List<Long> versions : segments) {
        assertThat(versions.get(0)).as("aggregate %s: no gap between owners %s", stream.getKey(), segments)
            .isLessThanOrEqualTo(next);
        again += Math.max(0, next - versions.get(0));
        next = Math.max(next, versions.get(versions.size() - 1) + 1);
      }
      assertThat(next - 1).as("aggregate %s: every version handled %s", stream.getKey(), segments)
          .isEqualTo(stream.getValue());
    }
    org.slf4j.LoggerFactory.getLogger(getClass()).info("{} events; {} handled again after the owner was killed"
        + " mid-handover", heads.values().stream().mapToLong(Long::longValue).sum(), again);
  }

  private static ProjectionRunner runner(CqlSession session, TestKeyspace keyspace, FeedFixture fixture,
      String owner) {
    return ProjectionRunner.builder(fixture.feed).owner(owner).maxRanges(1).checkpointInterval(Duration.ofMillis(50))
        .add(new HandlingLog(session, keyspace.name(), owner, MAX_HANDLER_MILLIS),
            ProjectionOptions.defaults().withConcurrency(4))
        .build();
  }

  private static long handledBy(CqlSession session, String runner) {
    return session.execute("SELECT count(*) FROM handlings WHERE runner = ? ALLOW FILTERING", runner).one()
        .getLong(0);
  }

  private static long distinct(CqlSession session, TestKeyspace keyspace) {
    return HandlingLog.read(session, keyspace.name()).values().stream()
        .mapToLong(byRunner -> byRunner.values().stream().flatMap(List::stream).map(HandlingLog.Handling::version)
            .distinct().count())
        .sum();
  }

  /** Appends 1 to 3 events at a time to this writer's own streams until told to stop. */
  private static void write(FeedFixture fixture, Random random, Map<UUID, Long> heads, AtomicBoolean appending) {
    List<UUID> streams = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID()).toList();
    while (appending.get()) {
      UUID stream = streams.get(random.nextInt(streams.size()));
      long head = heads.getOrDefault(stream, 0L);
      heads.put(stream, fixture.append(stream, head, 1 + random.nextInt(3)));
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
