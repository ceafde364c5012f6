package dev.es.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side while Cassandra is unreachable for it: feed publishers and a catch-up projection run on a session
 * through a {@link CuttableProxy}, cut for three seconds (longer than their leases) while writers go on appending
 * through their own session. Afterwards, without restarting anything, the feed holds every event exactly once and
 * the projection has caught up with all of them. A projection whose handler needs Cassandra and is cut off inside
 * it does not stop on its retries: it waits for Cassandra like the rest of the runner.
 */
@CassandraTest
class FeedOutageTest {

  private static final Logger LOG = LoggerFactory.getLogger(FeedOutageTest.class);
  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(100)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private final CassandraCluster cluster;

  FeedOutageTest(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) {
    this.session = session;
    this.keyspace = keyspace;
    this.cluster = cluster;
  }

  /** Remembers every (aggregate, version) it handled, in order, duplicates included. */
  static final class Recording implements Projection {
    final List<FeedEvent> handled = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "balances";
    }

    @Override
    public void handle(FeedEvent event) {
      handled.add(event);
    }

    @Override
    public void reset() {
      handled.clear();
    }

    long distinct() {
      return handled.stream().map(e -> e.envelope().aggregateId() + "/" + e.envelope().version()).distinct().count();
    }
  }

  private CqlSession sessionThrough(CuttableProxy proxy) {
    return proxy.openSession(cluster.localDatacenter(), Duration.ofSeconds(5));
  }

  private CassandraEventStore storeOver(CqlSession s) {
    CassandraEventStore store = new CassandraEventStore(s, EventStoreOptions.builder().keyspace(keyspace.name())
        .build(), EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    return store;
  }

  @Test
  void publishersAndProjectionsRideOutAnOutageLosingAndDuplicatingNothingInTheFeed() throws Exception {
    CassandraEventStore writer = storeOver(session);
    Feed direct = new Feed(session, writer, OPTIONS);
    direct.initialize();
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    Recording projection = new Recording();

    try (CuttableProxy proxy = new CuttableProxy(cluster.contactPoints().get(0));
        CqlSession through = sessionThrough(proxy)) {
      Feed readSide = new Feed(through, storeOver(through), OPTIONS);
      try (FeedPublishers publishers = readSide.startPublishing("publisher");
          ProjectionRunner runner = ProjectionRunner.builder(readSide).add(projection).build().start()) {
        long end = System.nanoTime() + Duration.ofMillis(6_500).toNanos();
        long cutAt = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        long restoreAt = cutAt + Duration.ofSeconds(3).toNanos();
        boolean cut = false;
        boolean restored = false;
        long lagAtRestore = 0;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          ids.add(UUID.randomUUID());
        }
        for (int round = 0; System.nanoTime() < end; round++) {
          UUID id = ids.get(round % ids.size());
          long head = heads.getOrDefault(id, 0L);
          Object event = head == 0 ? new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))
              : new AccountEvent.Deposited(BigDecimal.valueOf(round), "EUR");
          heads.put(id, writer.append("Account", id,
              head == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(head), List.of(event))
              .currentVersion());
          if (!cut && System.nanoTime() > cutAt) {
            proxy.cut();
            cut = true;
          }
          if (!restored && System.nanoTime() > restoreAt) {
            lagAtRestore = heads.values().stream().mapToLong(Long::longValue).sum() - projection.distinct();
            proxy.restore();
            restored = true;
          }
          Thread.sleep(5);
        }
        long total = heads.values().stream().mapToLong(Long::longValue).sum();
        assertThat(lagAtRestore).as("the read side stalled during the outage").isGreaterThan(50);
        await().atMost(Duration.ofSeconds(40)).until(() -> projection.distinct() == total);
        await().atMost(Duration.ofSeconds(10)).until(direct::allPublished);
        assertThat(runner.status("balances").state()).isEqualTo(ProjectionStatus.State.RUNNING);
        LOG.info("feed outage run: {} events appended to {} aggregates, {} behind when the node came back, {} handled"
            + " ({} again after the outage)", total, heads.size(), lagAtRestore, projection.handled.size(),
            projection.handled.size() - total);
      }
    }

    // the feed: every event exactly once, per aggregate in version order, positions gapless from 0
    Map<UUID, List<Long>> feedVersions = new ConcurrentHashMap<>();
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      long position = 0;
      for (List<FeedEvent> page = direct.reader().read(shard, 0, 500); !page.isEmpty();
          page = direct.reader().read(shard, position, 500)) {
        for (FeedEvent e : page) {
          assertThat(e.position()).isEqualTo(position++);
          feedVersions.computeIfAbsent(e.envelope().aggregateId(), k -> new ArrayList<>()).add(e.envelope().version());
        }
      }
    }
    assertThat(feedVersions.keySet()).isEqualTo(heads.keySet());
    heads.forEach((id, head) -> assertThat(feedVersions.get(id)).as("feed versions of " + id)
        .isEqualTo(LongStream.rangeClosed(1, head).boxed().toList()));
    // the projection: every event handled; any repeat is a replay from its last checkpoint, in version order
    Map<UUID, Set<Long>> seen = new ConcurrentHashMap<>();
    for (FeedEvent e : projection.handled) {
      seen.computeIfAbsent(e.envelope().aggregateId(), k -> new HashSet<>()).add(e.envelope().version());
    }
    heads.forEach((id, head) -> assertThat(seen.get(id))
        .isEqualTo(new HashSet<>(LongStream.rangeClosed(1, head).boxed().toList())));
  }

  /**
   * The handler stores nothing but reads Cassandra through the runner's session for every event, as a read model
   * does; the node goes away while it is inside the handler of event 2. Both its attempts fail, but the runner
   * cannot store the checkpoint either, so that is an outage, not a failing event: it waits instead of stopping.
   */
  @Test
  void aProjectionCutOffInsideItsHandlerWaitsOutTheOutageInsteadOfStoppingAfterItsRetries() throws Exception {
    CassandraEventStore writer = storeOver(session);
    Feed direct = new Feed(session, writer, OPTIONS);
    direct.initialize();
    UUID id = UUID.randomUUID();
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch cut = new CountDownLatch(1);
    AtomicInteger failures = new AtomicInteger();
    List<Long> handled = new CopyOnWriteArrayList<>();

    try (CuttableProxy proxy = new CuttableProxy(cluster.contactPoints().get(0));
        CqlSession through = sessionThrough(proxy)) {
      Projection reading = new Projection() {
        @Override
        public String name() {
          return "stored-balances";
        }

        @Override
        public void handle(FeedEvent event) throws InterruptedException {
          if (event.envelope().aggregateId().equals(id) && event.envelope().version() == 2
              && inHandler.getCount() > 0) {
            inHandler.countDown();
            cut.await();
          }
          try {
            through.execute("SELECT release_version FROM system.local");
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
          }
          if (event.envelope().aggregateId().equals(id)) {
            handled.add(event.envelope().version());
          }
        }
      };
      try (FeedPublishers publishers = direct.startPublishing("publisher");
          // a lease long enough that both attempts come before the lease is due for renewal
          ProjectionRunner runner = ProjectionRunner.builder(new Feed(through, storeOver(through),
                  OPTIONS.withLeaseDuration(Duration.ofSeconds(10))))
              .add(reading).retries(2, Duration.ofMillis(10)).build().start()) {
        writer.append("Account", id, ExpectedVersion.noStream(), List.of(
            new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1)),
            new AccountEvent.Deposited(BigDecimal.ONE, "EUR"), new AccountEvent.Deposited(BigDecimal.TEN, "EUR")));
        await().atMost(Duration.ofSeconds(30)).until(() -> inHandler.getCount() == 0);
        proxy.cut();
        cut.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> failures.get() >= 2);
        writer.append("Account", id, ExpectedVersion.exactly(3),
            List.of(new AccountEvent.Deposited(BigDecimal.valueOf(5), "EUR")));
        proxy.restore();

        // the status reads the lag through the proxied session, which may still be reconnecting
        await().atMost(Duration.ofSeconds(40)).ignoreExceptionsInstanceOf(AllNodesFailedException.class)
            .until(() -> new HashSet<>(handled).size() == 4
                || runner.status("stored-balances").state() != ProjectionStatus.State.RUNNING);
        ProjectionStatus status = runner.status("stored-balances");
        assertThat(status.state()).as("a stopped projection stays stopped: it never stopped")
            .isEqualTo(ProjectionStatus.State.RUNNING);
        assertThat(status.failure()).isEmpty();
        assertThat(new HashSet<>(handled)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        LOG.info("projection cut off inside its handler: {} failed attempts while the node was away, handled {}",
            failures.get(), handled);
      }
    }
  }
}
