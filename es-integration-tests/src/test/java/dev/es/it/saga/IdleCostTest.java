package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.StatementsByKind;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the read side costs the cluster while it has nothing to do (a saga runner, a standby runner, a publisher), and
 * what watching it costs: Paxos rounds are the node's dearest work, and spending them at every poll took a fifth of
 * the node's rounds from the e-commerce example's saga while it drained (docs/benchmarks.md).
 */
@CassandraTest
class IdleCostTest {

  /** The saga's leases: one consumer worker per feed shard, and its deadline firer. */
  private static final int LEASES = StoreAndFeed.OPTIONS.shards() + 1;
  private static final Duration QUARTER_LEASE = StoreAndFeed.OPTIONS.leaseDuration().dividedBy(4);
  private static final Duration WINDOW = Duration.ofSeconds(3);

  private final CassandraCluster cluster;
  private final TestKeyspace keyspace;

  IdleCostTest(CassandraCluster cluster, TestKeyspace keyspace) {
    this.cluster = cluster;
    this.keyspace = keyspace;
  }

  @Test
  void anIdleRunnerRenewsEachLeaseAtMostEveryQuarterLeaseNotAtEveryPoll() throws InterruptedException {
    StatementsByKind statements = new StatementsByKind();
    try (CqlSession session = sessionCounting(statements)) {
      StoreAndFeed storage = new StoreAndFeed(session, keyspace.name());
      try (SagaRunner runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).build().start()) {
        awaitLeasesHeld(runner);
        long before = leaseRounds(statements);
        Thread.sleep(WINDOW.toMillis());
        long rounds = leaseRounds(statements) - before;

        // a poll every 20 ms would be 150 rounds per lease in the window
        long renewals = WINDOW.toMillis() / QUARTER_LEASE.toMillis() + 1;
        assertThat(rounds).as("Paxos rounds on the leases table in %s of idling", WINDOW)
            .isLessThanOrEqualTo(LEASES * renewals);
      }
    }
  }

  @Test
  void anIdlePublisherRenewsItsLeasesAtMostEveryQuarterLeaseNotAtEveryPoll() throws InterruptedException {
    StatementsByKind statements = new StatementsByKind();
    try (CqlSession session = sessionCounting(statements)) {
      StoreAndFeed storage = new StoreAndFeed(session, keyspace.name());
      try (FeedPublishers publishers = storage.feed.startPublishing("idle")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> statements.count("INSERT leases, Paxos")
            >= StoreAndFeed.OPTIONS.shards());
        Thread.sleep(QUARTER_LEASE.toMillis());
        long before = leaseRounds(statements);
        Thread.sleep(WINDOW.toMillis());
        long rounds = leaseRounds(statements) - before;

        long renewals = WINDOW.toMillis() / QUARTER_LEASE.toMillis() + 1;
        assertThat(rounds).as("Paxos rounds on the leases table in %s of publishing nothing", WINDOW)
            .isLessThanOrEqualTo(StoreAndFeed.OPTIONS.shards() * renewals);
      }
    }
  }

  @Test
  void pollingTheLagAndTheStatusSendsNoPaxosRound() throws InterruptedException {
    StatementsByKind statements = new StatementsByKind();
    try (CqlSession session = sessionCounting(statements)) {
      StoreAndFeed storage = new StoreAndFeed(session, keyspace.name());
      try (SagaRunner runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).build().start()) {
        awaitLeasesHeld(runner);
        long before = statements.count("SELECT leases, Paxos");
        for (int poll = 0; poll < 100; poll++) {
          assertThat(runner.lag(OrderSaga.TYPE.name())).isZero();
        }
        for (int poll = 0; poll < 10; poll++) {
          assertThat(runner.status(OrderSaga.TYPE.name()).lag()).isZero();
        }

        // each poll read every shard's head: with a serial read, that was 220 Paxos rounds
        assertThat(statements.count("SELECT leases, Paxos") - before).as("serial reads of leases while polling")
            .isZero();
      }
    }
  }

  @Test
  void aStandbyRunnerWaitsForLeasesHeldByAnotherWithoutPaxosRounds() throws InterruptedException {
    try (CqlSession ownerSession = cluster.sessionBuilder().withKeyspace(keyspace.name()).build()) {
      StoreAndFeed owner = new StoreAndFeed(ownerSession, keyspace.name());
      try (SagaRunner holding = SagaRunner.builder(owner.feed).add(OrderSaga.TYPE).build().start()) {
        awaitLeasesHeld(holding);
        StatementsByKind statements = new StatementsByKind();
        try (CqlSession session = sessionCounting(statements);
            SagaRunner standby = SagaRunner.builder(new StoreAndFeed(session, keyspace.name()).feed)
                .add(OrderSaga.TYPE).build().start()) {
          Thread.sleep(WINDOW.toMillis());

          assertThat(standby.status(OrderSaga.TYPE.name()).layouts()).as("the standby holds nothing")
              .allMatch(layout -> layout.ownedHere().isEmpty());
          // it polls every shard's lease at every poll, and the firer's once per quarter lease: all plain reads
          assertThat(leaseRounds(statements)).as("Paxos rounds on the leases table while standing by").isZero();
          assertThat(statements.count("SELECT leases")).as("plain reads of the leases").isPositive();
        }
      }
    }
  }

  private CqlSession sessionCounting(StatementsByKind statements) {
    return cluster.sessionBuilder().withKeyspace(keyspace.name()).addRequestTracker(statements).build();
  }

  /** Waits until the runner's workers and firer have taken their leases, which costs a few rounds once. */
  private static void awaitLeasesHeld(SagaRunner runner) throws InterruptedException {
    await().atMost(Duration.ofSeconds(30)).until(() -> runner.status(OrderSaga.TYPE.name()).layouts().stream()
        .allMatch(layout -> layout.ownedHere().equals(layout.ranges())));
    Thread.sleep(StoreAndFeed.OPTIONS.leaseDuration().toMillis()); // and the deadline firer, which takes its own
  }

  private static long leaseRounds(StatementsByKind statements) {
    return statements.count("SELECT leases, Paxos") + statements.count("INSERT leases, Paxos")
        + statements.count("UPDATE leases, Paxos");
  }
}
