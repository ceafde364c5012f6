package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.it.support.StatementsByKind;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a saga step costs the cluster when it goes as expected: one conditional write of the instance and one
 * conditional append per emitted event, and no serial read. Paxos rounds are the node's dearest work, and the
 * saga's were most of the e-commerce example's (docs/benchmarks.md).
 */
@CassandraTest
class SagaStepCostTest {

  private static final int ORDERS = 12;

  private final CassandraCluster cluster;
  private final TestKeyspace keyspace;

  SagaStepCostTest(CassandraCluster cluster, TestKeyspace keyspace) {
    this.cluster = cluster;
    this.keyspace = keyspace;
  }

  @Test
  void aStepThatEmitsOneEventCostsTwoPaxosRoundsAndNoSerialRead() {
    StatementsByKind statements = new StatementsByKind();
    try (CqlSession session = cluster.sessionBuilder().withKeyspace(keyspace.name()).addRequestTracker(statements)
        .build()) {
      StoreAndFeed storage = new StoreAndFeed(session, keyspace.name());
      try (FeedPublishers publishers = storage.feed.startPublishing("cost");
          SagaRunner runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).build().start()) {
        List<UUID> orders = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
        orders.forEach(order -> storage.append("Order", order, new OrderCreated(order, "ann", 100)));
        List<PaymentRequested> requested = await().atMost(Duration.ofSeconds(30))
            .until(() -> storage.all(PaymentRequested.class), all -> all.size() == ORDERS);
        // each confirmation only once its request is stored, so that no append of the test races one of the saga
        requested.forEach(r -> storage.append("Payment", r.paymentId(), new PaymentConfirmed(r.orderId(),
            r.paymentId())));
        await().atMost(Duration.ofSeconds(30)).until(() -> storage.all(ShipmentCreated.class).size() == ORDERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.lag(OrderSaga.TYPE.name()) == 0);
      }
    }

    // three steps per order (created, payment confirmed, inventory reserved), each emitting one event
    int steps = 3 * ORDERS;
    long testAppends = 2L * ORDERS;
    assertThat(statements.count("SELECT saga_instances, Paxos")).as("serial reads of saga instances").isZero();
    assertThat(statements.count("INSERT saga_instances, Paxos") + statements.count("UPDATE saga_instances, Paxos"))
        .as("conditional writes of saga instances, one per step").isEqualTo(steps);
    assertThat(statements.count("BATCH events, Paxos")).as("conditional appends: the test's and one per step")
        .isEqualTo(testAppends + steps);
    assertThat(statements.count("UPDATE saga_instances")).as("plain marks of appended outboxes, one per step")
        .isEqualTo(steps);
  }
}
