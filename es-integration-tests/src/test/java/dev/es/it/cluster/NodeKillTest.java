package dev.es.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.TestLength;
import dev.es.testkit.embedded.EmbeddedCassandraCluster;
import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three nodes, replication factor 3, LOCAL_QUORUM writes and LOCAL_SERIAL conditions: 8 threads append to 100
 * shared aggregates while one node is killed with SIGKILL and later restarted. Every acknowledged append is
 * stored exactly once, versions are gapless, conflicts are still detected, failures surface as exceptions and
 * succeed on retry with the same event ids, and a catch-up projection ends equal to the streams.
 *
 * <p>The short form (the default) writes for 14 s, kills node 3 after 3 s and restarts it 8 s later; the long form
 * ({@code -Des.test.long=true}, {@link TestLength}) writes for 30 s, kills it after 6 s and restarts it 10 s later.
 * Both make the same assertions.
 */
@Tag("cluster")
class NodeKillTest {

  private static final Logger LOG = LoggerFactory.getLogger(NodeKillTest.class);
  private static final int THREADS = 8;
  private static final int AGGREGATES = 100;
  private static final Duration WRITING = TestLength.choose(Duration.ofSeconds(14), Duration.ofSeconds(30));
  private static final Duration KILL_AFTER = TestLength.choose(Duration.ofSeconds(3), Duration.ofSeconds(6));
  private static final Duration DOWN_FOR = TestLength.choose(Duration.ofSeconds(8), Duration.ofSeconds(10));

  /** The event appended: which thread wrote it and its attempt number, to trace it. */
  public record Tick(int writer, long attempt) {}

  private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong retriedToSuccess = new AtomicLong();
  private final Map<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();

  @Test
  void acknowledgedAppendsSurviveAKilledNodeExactlyOnce() throws Exception {
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.defaults()
        .withBaseDirectory(Path.of("target", "es-cassandra-cluster").toAbsolutePath())
        .withStartTimeout(Duration.ofSeconds(180));
    try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(config, 3);
        CqlSession session = CqlSession.builder()
            .addContactPoints(cluster.contactPoints())
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .build())
            .build()) {
      CassandraEventStore store = new CassandraEventStore(session,
          EventStoreOptions.builder().keyspace("es_cluster").createKeyspace(Replication.simple(3)).build(),
          new EventRegistry().register(EventType.current("Tick", 1, Tick.class)));
      Feed feed = new Feed(session, store, FeedOptions.defaults().withShards(2));
      // new tables reach every node's schema a moment after the DDL returns; until then preparing on them fails
      // (also inside store.initialize(), which prepares its statements on the tables it has just created: a run on a
      // loaded machine failed there with "table snapshots does not exist"), and replicas that do not know them yet
      // fail reads; initialize() is idempotent, so it is tried again with the rest
      await().atMost(Duration.ofSeconds(60))
          .ignoreExceptionsMatching(e -> e instanceof InvalidQueryException || e instanceof ReadFailureException)
          .until(() -> {
        store.initialize();
        feed.initialize();
        feed.leases();
        feed.reader();
        store.currentVersion(UUID.randomUUID());
        return true;
      });
      List<UUID> aggregates = new ArrayList<>();
      for (int i = 0; i < AGGREGATES; i++) {
        aggregates.add(UUID.randomUUID());
      }
      Map<UUID, List<Long>> projected = new ConcurrentHashMap<>();
      Projection projection = new Projection() {
        @Override
        public String name() {
          return "ticks";
        }

        @Override
        public void handle(FeedEvent event) {
          projected.computeIfAbsent(event.envelope().aggregateId(), id -> new ArrayList<>())
              .add(event.envelope().version());
        }
      };

      try (FeedPublishers publishers = feed.startPublishing("cluster-test");
          ProjectionRunner runner = ProjectionRunner.builder(feed).add(projection).build().start()) {
        ExecutorService writers = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + WRITING.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          int writer = w;
          running.add(writers.submit(() -> write(store, aggregates, writer, end)));
        }
        Thread.sleep(KILL_AFTER.toMillis());
        LOG.info("killing node 3");
        cluster.kill(3);
        Thread.sleep(DOWN_FOR.toMillis());
        LOG.info("restarting node 3");
        cluster.restart(3);
        for (Future<?> writer : running) {
          writer.get();
        }
        writers.shutdown();

        Map<UUID, List<EventEnvelope<Object>>> streams = new ConcurrentHashMap<>();
        for (UUID id : aggregates) {
          streams.put(id, store.readStream(id).toList());
        }
        long stored = streams.values().stream().mapToLong(List::size).sum();
        List<UUID> storedIds = streams.values().stream().flatMap(List::stream).map(EventEnvelope::eventId).toList();
        String figures = String.format("%s form: appends attempted %d, acknowledged %d, conflicts %d, "
                + "failed attempts %d (%s), acknowledged after a retry %d; events found %d",
            TestLength.isLong() ? "long" : "short", attempted.get(), acknowledged.size(), conflicts.get(),
            failures.get(), failureKinds, retriedToSuccess.get(), stored);
        LOG.info(figures);
        System.out.println("NodeKillTest figures: " + figures);

        assertThat(storedIds).as("no event stored twice").doesNotHaveDuplicates();
        assertThat(Set.copyOf(storedIds)).as("every acknowledged append is stored").containsAll(acknowledged);
        assertThat(stored).as("nothing stored that was not acknowledged").isEqualTo(acknowledged.size());
        streams.forEach((id, events) -> assertThat(events).extracting(EventEnvelope::version)
            .as("gapless versions of %s", id)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList()));
        assertThat(conflicts.get()).as("8 writers on 100 aggregates still conflict").isPositive();
        assertThat(acknowledged).as("the run wrote something").hasSizeGreaterThan(100);

        await().atMost(Duration.ofSeconds(90)).until(() ->
            projected.values().stream().mapToLong(List::size).sum() >= stored && runner.lag("ticks") == 0);
        streams.forEach((id, events) -> assertThat(projected.getOrDefault(id, List.of()))
            .as("projection of %s", id)
            .containsExactlyElementsOf(events.stream().map(EventEnvelope::version).collect(Collectors.toList())));
      }
    }
  }

  /**
   * Appends one event at a time at the version it read; a failure other than a conflict is retried with the SAME
   * event id and expected version until it is stored or turns out to conflict.
   */
  private void write(CassandraEventStore store, List<UUID> aggregates, int writer, long end) {
    long attempt = 0;
    while (System.nanoTime() < end) {
      UUID id = aggregates.get(ThreadLocalRandom.current().nextInt(aggregates.size()));
      NewEvent event = new NewEvent(UUID.randomUUID(), new Tick(writer, ++attempt), null, EventMetadata.empty());
      attempted.incrementAndGet();
      boolean retried = false;
      long version = -1;
      while (true) {
        try {
          if (version < 0) {
            version = store.currentVersion(id);
          }
          // a retry keeps the expected version: if the failed attempt was stored after all, the store sees the
          // same event id at that version and reports success instead of appending it twice
          store.appendEvents("Clock", id,
              version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version), List.of(event));
          acknowledged.add(event.eventId());
          if (retried) {
            retriedToSuccess.incrementAndGet();
          }
          break;
        } catch (ConcurrencyConflictException conflict) {
          conflicts.incrementAndGet();
          break;
        } catch (RuntimeException failure) {
          failures.incrementAndGet();
          failureKinds.computeIfAbsent(failure.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
          retried = true;
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
