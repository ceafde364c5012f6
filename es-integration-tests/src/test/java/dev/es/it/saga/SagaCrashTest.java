package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailRequested;
import dev.es.it.support.ChildJvm;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.internal.SagaProgress;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process running the sagas is killed with SIGKILL after handling events but before checkpointing them (right
 * after a state write, or right after its effects); after a restart each side effect exists exactly once, and the
 * retry deadlines scheduled before the kill fire after the restart.
 */
@CassandraTest
class SagaCrashTest {

  private static final int ORDERS = 12;
  private static final int USERS = 3;
  private static final Duration RETRY_DELAY = Duration.ofSeconds(8);

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private final CassandraCluster cluster;

  SagaCrashTest(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) {
    this.session = session;
    this.keyspace = keyspace;
    this.cluster = cluster;
  }

  @ParameterizedTest
  @EnumSource(SagaProgress.class)
  void aKilledSagaProcessRepeatsNoSideEffectAndItsDeadlinesFireAfterTheRestart(SagaProgress point)
      throws Exception {
    for (String table : List.of("events", "feed", "leases", "saga_instances", "saga_associations",
        "saga_deadlines", "saga_deadline_buckets")) {
      session.execute("DROP TABLE IF EXISTS " + table);
    }
    StoreAndFeed storage = new StoreAndFeed(session, keyspace.name());
    RegistrationSaga registration = new RegistrationSaga(RETRY_DELAY);
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      UUID order = UUID.randomUUID();
      orders.add(order);
      storage.append("Order", order, new OrderCreated(order, "customer " + i, 100 + i),
          new PaymentConfirmed(order, UUID.randomUUID()));
    }
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      UUID user = UUID.randomUUID();
      users.add(user);
      storage.append("User", user, new UserRegistered(user, "user" + i + "@example.com"),
          new WelcomeEmailFailed(user, "greylisted"));
    }
    SagaRunner observer = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).add(registration).build();

    InetSocketAddress node = cluster.contactPoints().get(0);
    try (ChildJvm child = ChildJvm.start(SagaCrashChild.class, node.getHostString(),
        Integer.toString(node.getPort()), cluster.localDatacenter(), keyspace.name(), point.name(),
        Long.toString(RETRY_DELAY.toMillis()))) {
      String[] stoppedAt = child.awaitLine("POINT", Duration.ofSeconds(60)).split(" ");
      UUID instance = UUID.fromString(stoppedAt[1]);
      UUID cause = UUID.fromString(stoppedAt[2]);
      await().atMost(Duration.ofSeconds(20)).until(() -> users.stream()
          .allMatch(user -> pendingRetries(observer, registration, user).size() == 1));
      long lag = observer.lag(OrderSaga.TYPE.name());
      SagaInstance<OrderSaga> atKill = observer.instance(OrderSaga.TYPE, instance).orElseThrow();
      child.kill();
      assertThat(lag).as("the order saga had handled events it had not checkpointed").isPositive();
      assertThat(atKill.handled()).as("the event it stopped at is handled").contains(cause);
      assertThat(atKill.unpublishedEvents()).as("events staged but not appended at the kill")
          .isEqualTo(point == SagaProgress.STATE_WRITTEN ? 1 : 0);
      for (UUID user : users) {
        assertThat(pendingRetries(observer, registration, user)).singleElement()
            .satisfies(d -> assertThat(d.due()).as("the retry is still due after the kill").isAfter(Instant.now()));
      }
    }

    try (FeedPublishers publishers = storage.feed.startPublishing("restarted");
        SagaRunner restarted = SagaRunner.builder(storage.feed).owner("restarted")
            .add(OrderSaga.TYPE).add(registration).deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5))
            .build().start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream()
          .allMatch(order -> restarted.instances(OrderSaga.TYPE, "orderId", order).stream()
              .allMatch(SagaInstance::ended)));
      await().atMost(Duration.ofSeconds(60)).until(() -> storage.all(WelcomeEmailRequested.class).size()
          == 2 * USERS);
      await().atMost(Duration.ofSeconds(10)).until(() -> restarted.lag(OrderSaga.TYPE.name()) == 0
          && restarted.lag(registration.name()) == 0);

      for (UUID order : orders) {
        List<SagaInstance<OrderSaga>> instances = restarted.instances(OrderSaga.TYPE, "orderId", order);
        // handled is a set, the same whether an event was applied once or twice; every write raises the version
        assertThat(instances).as("one instance for order %s", order).singleElement().satisfies(i -> {
          assertThat(i.handled()).hasSize(3);
          assertThat(i.version()).as("each of the three events applied once").isEqualTo(3);
        });
      }
      assertThat(perOrder(storage.all(PaymentRequested.class), PaymentRequested::orderId)).isEqualTo(once(orders));
      assertThat(perOrder(storage.all(InventoryReserved.class), InventoryReserved::orderId)).isEqualTo(once(orders));
      assertThat(perOrder(storage.all(ShipmentCreated.class), ShipmentCreated::orderId)).isEqualTo(once(orders));
      Map<String, Integer> counts = storage.countsByType();
      assertThat(counts).containsEntry("PaymentRequested", ORDERS).containsEntry("InventoryReserved", ORDERS)
          .containsEntry("ShipmentCreated", ORDERS).containsEntry("EmailRetryScheduled", USERS)
          .containsEntry("WelcomeEmailRequested", 2 * USERS);
      for (UUID user : users) {
        assertThat(storage.all(WelcomeEmailRequested.class).stream().filter(r -> r.userId().equals(user)))
            .extracting(WelcomeEmailRequested::attempt).containsExactlyInAnyOrder(1, 2);
        assertThat(pendingRetries(restarted, registration, user)).isEmpty();
      }
    }
  }

  private static List<SagaDeadline> pendingRetries(SagaRunner runner, RegistrationSaga saga, UUID user) {
    return runner.instances(saga, "userId", user).stream().flatMap(i -> i.pendingDeadlines().stream()).toList();
  }

  private static <T> Map<UUID, Long> perOrder(List<T> events, Function<T, UUID> order) {
    return events.stream().collect(Collectors.groupingBy(order, Collectors.counting()));
  }

  private static Map<UUID, Long> once(List<UUID> orders) {
    return orders.stream().collect(Collectors.toMap(o -> o, o -> 1L));
  }
}
