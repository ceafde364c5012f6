package dev.es.it.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import dev.es.it.nemesis.Attempt.Outcome;
import dev.es.it.nemesis.FaultSchedule.Kind;
import dev.es.it.nemesis.TallyProjection.Tally;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.TestLength;
import dev.es.testkit.embedded.EmbeddedCassandraCluster;
import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A Jepsen-style run: three nodes (replication factor 3, LOCAL_QUORUM, LOCAL_SERIAL), and in JVMs of their own two
 * writers ({@link WriterChild}: the conditional store, and single-writer appends to streams of its own), the feed
 * publisher, two runners of one projection competing for its leases and a saga runner ({@link ConsumerChild}).
 * For a while a seeded random {@link FaultSchedule} kills and restarts nodes, cuts a process off one node, pauses a
 * publisher or consumer (SIGSTOP) longer than its lease and skews a writer's clock by seconds. Then the writers
 * stop, everything catches up and {@link NemesisChecker} compares: every acknowledged append stored once, nothing
 * stored that was reported not written, the feed holding every stored event once in per-aggregate order, the
 * projection's read model equal to a rebuild, every saga effect once.
 *
 * <p>The short form (the default) injects faults for 45 s; the long form ({@code -Des.test.long=true},
 * {@link TestLength}) for 6 min; {@code -Des.nemesis.seconds=N} sets any length. The seed is printed;
 * {@code -Des.nemesis.seed=S} replays its schedule. Each writer's history and each child's output are kept in
 * {@code target/nemesis/seed-S-<time>/}.
 *
 * <p>{@link NemesisTest} runs it in {@code mvn verify}; {@link #main} runs it on its own (docs/guarantees.md,
 * "Nemesis", has both commands). It throws an {@link AssertionError} listing the violations.
 */
public final class NemesisRun {

  static final String SEED = "es.nemesis.seed";
  static final String SECONDS = "es.nemesis.seconds";
  private static final Duration FAULTS =
      Duration.ofSeconds(Long.getLong(SECONDS, TestLength.choose(45L, 360L)));
  /** How long creating the tables, catching up after the faults, and the rebuild may take on a loaded machine. */
  private static final Duration CATCH_UP = Duration.ofMinutes(5);
  private static final String REBUILD = "tally-rebuild";
  private static final String REBUILD_TABLE = "tallies_rebuild";

  private NemesisRun() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  /**
   * One run, its length and seed taken from the system properties; throws an {@link AssertionError} listing the
   * violations, if any.
   */
  static void run() throws Exception {
    long seed = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
    System.out.println("NemesisRun seed " + seed + " (replay with -D" + SEED + "=" + seed + "), faults for "
        + FAULTS.toSeconds() + " s");
    Path run = Files.createDirectories(Path.of("target", "nemesis", "seed-" + seed + "-" + System.currentTimeMillis())
        .toAbsolutePath());
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.defaults()
        .withBaseDirectory(Path.of("target", "es-cassandra-cluster").toAbsolutePath())
        .withStartTimeout(Duration.ofSeconds(600))
        .withJvmOptions(EmbeddedCassandraConfig.QUICK_JIT);
    try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(config, 3);
        CqlSession session = CqlSession.builder()
            .addContactPoints(cluster.contactPoints())
            .withLocalDatacenter(NemesisSetup.DATACENTER)
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .build())
            .build()) {
      CassandraEventStore store = NemesisSetup.store(session, AppendMode.CONDITIONAL, Clock.systemUTC());
      Feed feed = NemesisSetup.feed(session, store);
      initialize(session, store, feed);

      List<InetSocketAddress> nodes = cluster.contactPoints();
      List<ClientProcess> writers = new ArrayList<>();
      List<ClientProcess> consumers = new ArrayList<>();
      List<ClientProcess> all = new ArrayList<>();
      Map<Kind, Integer> faults;
      long faultNanos;
      try {
        writers.add(ClientProcess.start(run, "conditional writer", WriterChild.class, nodes, "conditional",
            run.resolve("conditional.history").toString(), Long.toString(seed)));
        writers.add(ClientProcess.start(run, "single writer", WriterChild.class, nodes, "single",
            run.resolve("single.history").toString(), Long.toString(seed + 100)));
        for (String[] consumer : List.of(new String[] {"publisher", "publisher"},
            new String[] {"projection", "runner-a"},
            new String[] {"projection", "runner-b"}, new String[] {"saga", "saga-runner"})) {
          consumers.add(ClientProcess.start(run, consumer[1], ConsumerChild.class, nodes, consumer));
        }
        all.addAll(writers);
        all.addAll(consumers);
        for (ClientProcess client : all) {
          client.jvm.awaitLine("STARTED", Duration.ofSeconds(120));
        }

        long start = System.nanoTime();
        faults = new Nemesis(cluster, all, consumers, writers, seed).run(FAULTS);
        faultNanos = System.nanoTime() - start;
        for (ClientProcess writer : writers) {
          writer.jvm.send("stop");
        }
        for (ClientProcess writer : writers) {
          writer.jvm.awaitLine("DONE", Duration.ofSeconds(150));
        }
        awaitCatchUp(session, feed, CATCH_UP);
      } finally {
        for (ClientProcess client : all) {
          client.close();
        }
      }

      Map<UUID, Tally> rebuild = rebuild(session, feed);
      List<Attempt> history = new ArrayList<>();
      for (String file : List.of("conditional.history", "single.history")) {
        Files.readAllLines(run.resolve(file)).stream().map(Attempt::parse).forEach(history::add);
      }
      NemesisChecker checker = new NemesisChecker(store, feed);
      checker.readStore();
      Map<Outcome, Integer> appends = checker.checkHistory(history);
      int feedEvents = checker.checkFeed();
      checker.checkProjection(TallyProjection.readAll(session, TallyProjection.TABLE), rebuild);
      int effects = checker.checkSagaEffects();

      Map<Outcome, Long> calls = history.stream()
          .collect(Collectors.groupingBy(Attempt::outcome, () -> new EnumMap<>(Outcome.class), Collectors.counting()));
      String figures = String.format("%s form, seed %d: faults for %.1f min: %s; appendEvents calls %d %s; "
              + "appends attempted %d, final: %s; unknown outcomes later found stored by a retry: %d; events checked "
              + "%d (feed %d), saga effects %d; violations %d",
          TestLength.isLong() ? "long" : "short", seed, faultNanos / 60e9, faults, history.size(), calls,
          appends.values().stream().mapToInt(Integer::intValue).sum(), appends, landedLate(history),
          checker.storedEvents(), feedEvents, effects, checker.violations().size());
      System.out.println("NemesisRun figures: " + figures);
      Files.writeString(run.resolve("figures.txt"), figures + "\n" + String.join("\n", checker.violations()) + "\n");

      assertThat(faults.keySet()).as("every kind of fault injected").containsExactlyInAnyOrder(Kind.values());
      assertThat(appends.getOrDefault(Outcome.ACK, 0)).as("appends acknowledged").isGreaterThan(100);
      assertThat(effects).as("saga effects checked").isPositive();
      assertThat(checker.violations()).as("violations (seed %d, histories in %s)", seed, run).isEmpty();
    }
  }

  /**
   * Creates the tables: new tables reach every node's schema a moment after the DDL returns, and until then
   * preparing statements on them fails, so everything is tried again until it works (all of it is idempotent).
   */
  private static void initialize(CqlSession session, CassandraEventStore store, Feed feed) {
    await().atMost(CATCH_UP)
        .ignoreExceptionsMatching(e -> e instanceof InvalidQueryException || e instanceof ReadFailureException)
        .until(() -> {
          store.initialize();
          feed.initialize();
          SagaRunner.initialize(feed);
          session.execute(TallyProjection.createTable(TallyProjection.TABLE));
          session.execute(TallyProjection.createTable(REBUILD_TABLE));
          new TallyProjection(session, REBUILD, REBUILD_TABLE);
          feed.leases();
          feed.reader();
          store.currentVersion(UUID.randomUUID());
          return session.checkSchemaAgreement();
        });
  }

  /**
   * Waits until every stream is published, projected by the competing runners and, for the orders, followed by
   * the saga's effects; on a timeout the checker says what is missing.
   */
  private static void awaitCatchUp(CqlSession session, Feed feed, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (feed.allPublished() && projected(session, TallyProjection.TABLE) && sagaDone(session)) {
          return;
        }
      } catch (RuntimeException e) {
        System.out.println("NemesisRun: catching up, " + e);
      }
      Thread.sleep(1_000);
    }
    System.out.println("NemesisRun: not caught up after " + timeout.toSeconds() + " s");
  }

  /**
   * Every stream's head, read from all its rows: {@code SELECT DISTINCT} is a per-partition limit of one row, which
   * runs into the read timeout on replicas that disagree (see {@code DirtyStreamFinder}).
   */
  private static Map<UUID, Long> heads(CqlSession session) {
    Map<UUID, Long> heads = new HashMap<>();
    for (Row row : session.execute(quorum("SELECT aggregate_id, head FROM " + NemesisSetup.KEYSPACE + ".events"))) {
      heads.put(row.getUuid("aggregate_id"), row.getLong("head"));
    }
    return heads;
  }

  private static boolean projected(CqlSession session, String table) {
    Map<UUID, Long> versions = TallyProjection.readAll(session, table).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().version()));
    return versions.equals(heads(session));
  }

  /** As many effects stored as the stored orders and payments call for. */
  private static boolean sagaDone(CqlSession session) {
    Map<String, Integer> types = new HashMap<>();
    for (Row row : session.execute(quorum("SELECT event_type FROM " + NemesisSetup.KEYSPACE + ".events"))) {
      types.merge(row.getString("event_type"), 1, Integer::sum);
    }
    return types.getOrDefault("PaymentRequested", 0).equals(types.getOrDefault("OrderCreated", 0))
        && types.getOrDefault("InventoryReserved", 0).equals(types.getOrDefault("PaymentConfirmed", 0))
        && types.getOrDefault("ShipmentCreated", 0).equals(types.getOrDefault("PaymentConfirmed", 0));
  }

  /**
   * A fresh projection from position 0 in this process, once nothing is appended any more; if it does not reach
   * the streams' heads in time, the checker names the difference.
   */
  private static Map<UUID, Tally> rebuild(CqlSession session, Feed feed) throws InterruptedException {
    try (ProjectionRunner runner = ProjectionRunner.builder(feed).owner("checker")
        .add(new TallyProjection(session, REBUILD, REBUILD_TABLE)).build().start()) {
      long deadline = System.nanoTime() + CATCH_UP.toNanos();
      while (System.nanoTime() < deadline && !projected(session, REBUILD_TABLE)) {
        Thread.sleep(1_000);
      }
    }
    return TallyProjection.readAll(session, REBUILD_TABLE);
  }

  /** Appends whose try had an unknown outcome and whose retry found the events stored: the attempt had landed. */
  private static long landedLate(List<Attempt> history) {
    return history.stream().collect(Collectors.groupingBy(Attempt::eventIds)).values().stream()
        .filter(tries -> tries.stream().anyMatch(t -> t.outcome() == Outcome.UNKNOWN)
            && tries.stream().anyMatch(t -> Attempt.ALREADY_STORED.equals(t.exception())))
        .count();
  }

  private static SimpleStatement quorum(String cql) {
    return SimpleStatement.newInstance(cql).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
  }
}
