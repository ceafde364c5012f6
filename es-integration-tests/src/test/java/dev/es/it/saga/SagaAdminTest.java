package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCancelled;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailDelivered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaNotFoundException;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.saga.ScheduledDeadline;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator looks at sagas through {@link EsAdmin} without their classes (state as stored JSON): instances by
 * association, parked instances, pending deadlines; and ends a parked instance, whose compensation ran once.
 */
@CassandraTest
class SagaAdminTest {

  private static final String ORDERS = "OrderProcessing";
  private static final String REGISTRATION = "UserRegistration";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final StoreAndFeed storage;
  private FeedPublishers publishers;
  private SagaRunner runner;
  private EsAdmin admin;

  SagaAdminTest(CqlSession session, TestKeyspace keyspace) {
    storage = new StoreAndFeed(session, keyspace.name());
  }

  @BeforeEach
  void start() {
    publishers = storage.feed.startPublishing("test");
    runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).add(new RegistrationSaga(Duration.ofHours(1)))
        .retries(3, Duration.ofMillis(20)).build().start();
    admin = new EsAdmin(storage.feed, "operator-bo");
  }

  @AfterEach
  void stop() {
    runner.close();
    publishers.close();
  }

  @Test
  void whatHappenedToAnOrderIsItsSagaInstanceFoundByAssociationWithItsStateAsStored() {
    UUID orderId = UUID.randomUUID();
    storage.append("Order", orderId, new OrderCreated(orderId, "ann", 4200));
    await().atMost(PATIENCE).until(() -> admin.sagaInstances(ORDERS, "orderId", orderId.toString()).size() == 1);

    SagaInstance<String> found = admin.sagaInstances(ORDERS, "orderId", orderId.toString()).get(0);
    assertThat(found.state()).contains("PAYMENT_REQUESTED").contains(orderId.toString());
    assertThat(found.handled()).hasSize(1);
    assertThat(found.ended()).isFalse();
    assertThat(found.parked()).isFalse();
    assertThat(admin.sagaInstance(ORDERS, found.instanceId())).isEqualTo(found);
    assertThat(admin.sagaNames()).containsExactly(ORDERS, REGISTRATION);
    assertThat(admin.sagaInstances(ORDERS, "orderId", UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void aParkedInstanceIsListedAndEndedByHandItsCompensationHavingRunOnceAndLaterEventsDoNotReachIt() {
    UUID poisoned = UUID.randomUUID();
    storage.append("Order", poisoned, new OrderCreated(poisoned, "bob", 100));
    storage.append("Order", poisoned, new OrderAddressChanged(poisoned, " "));
    await().atMost(PATIENCE).until(() -> admin.parkedSagaInstances(ORDERS, 10).size() == 1);
    SagaInstance<String> parked = admin.parkedSagaInstances(ORDERS, 10).get(0);
    assertThat(parked.error()).hasValueSatisfying(error -> assertThat(error).contains("blank address"));
    await().atMost(PATIENCE).until(() -> storage.all(OrderCancelled.class).size() == 1);

    SagaInstance<String> ended = admin.endSagaInstance(ORDERS, parked.instanceId());
    assertThat(ended.ended()).isTrue();
    assertThat(ended.parked()).isFalse();
    assertThat(ended.version()).isEqualTo(parked.version() + 1);
    assertThat(ended.state()).as("the state is kept").isEqualTo(parked.state());
    assertThat(ended.error()).as("so is why it was parked").isEqualTo(parked.error());
    assertThat(admin.parkedSagaInstances(ORDERS, 10)).isEmpty();

    storage.append("Payment", UUID.randomUUID(), new PaymentConfirmed(poisoned, UUID.randomUUID()));
    await().atMost(PATIENCE).until(() -> runner.lag(ORDERS) == 0 && storage.feed.allPublished());
    assertThat(admin.sagaInstance(ORDERS, parked.instanceId()).deferred()).as("an ended instance defers nothing")
        .isEqualTo(parked.deferred());
    assertThat(storage.all(InventoryReserved.class)).noneMatch(reserved -> reserved.orderId().equals(poisoned));
    assertThat(storage.all(OrderCancelled.class)).as("the compensation ran once, when it was parked").hasSize(1);

    assertThatThrownBy(() -> admin.endSagaInstance(ORDERS, parked.instanceId()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(parked.instanceId().toString())
        .hasMessageContaining("not parked (it has ended)");
    assertThat(admin.audit(2)).extracting(AuditEntry::action, AuditEntry::target, AuditEntry::detail)
        .containsOnly(tuple("saga.end", ORDERS, "instance " + parked.instanceId()));
    assertThat(admin.audit(2)).extracting(AuditEntry::outcome).first().asString().startsWith("refused: ");
    assertThat(admin.audit(2).get(1).outcome()).isEqualTo("done");
  }

  @Test
  void aPendingDeadlineIsListedUntilItIsCancelled() {
    UUID userId = UUID.randomUUID();
    storage.append("User", userId, new UserRegistered(userId, "cy@example.com"));
    // the failure comes from another stream, maybe another shard: only once the instance exists does it reach it
    await().atMost(PATIENCE).until(() -> admin.sagaInstances(REGISTRATION, "userId", userId.toString()).size() == 1);
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(userId, "greylisted"));
    await().atMost(PATIENCE).until(() -> admin.sagaDeadlines(REGISTRATION, 10).size() == 1);

    ScheduledDeadline deadline = admin.sagaDeadlines(REGISTRATION, 10).get(0);
    SagaInstance<String> instance = admin.sagaInstances(REGISTRATION, "userId", userId.toString()).get(0);
    assertThat(deadline.instance()).isEqualTo(instance.instanceId());
    assertThat(deadline.deadline().name()).isEqualTo(RegistrationSaga.RETRY);
    assertThat(instance.pendingDeadlines()).containsExactly(deadline.deadline());

    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailDelivered(userId));
    await().atMost(PATIENCE).until(() -> admin.sagaInstance(REGISTRATION, instance.instanceId()).ended());
    assertThat(admin.sagaDeadlines(REGISTRATION, 10)).as("cancelled by the end").isEmpty();
  }

  @Test
  void aSagasFeedConsumerIsPausedAndResumedButNeverReplayed() {
    String consumer = "saga:" + ORDERS;
    assertThat(admin.projectionNames()).contains(consumer);
    assertThatThrownBy(() -> admin.rebuild(consumer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + consumer + "' is a saga's feed consumer, which is not replayed");
    assertThatThrownBy(() -> admin.resetToStart(consumer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not replayed");
    assertThat(admin.projection(consumer).pendingReplay()).isEmpty();

    admin.pause(consumer);
    await().atMost(PATIENCE).until(() -> runner.status(ORDERS).state() == ProjectionStatus.State.PAUSED);
    UUID orderId = UUID.randomUUID();
    storage.append("Order", orderId, new OrderCreated(orderId, "dan", 700));
    await().atMost(PATIENCE).until(() -> storage.feed.allPublished());
    assertThat(admin.sagaInstances(ORDERS, "orderId", orderId.toString())).as("paused").isEmpty();
    admin.resume(consumer);
    await().atMost(PATIENCE).until(() -> admin.sagaInstances(ORDERS, "orderId", orderId.toString()).size() == 1);
  }

  @Test
  void anUnknownSagaOrInstanceIsNamedInTheError() {
    assertThatThrownBy(() -> admin.parkedSagaInstances("Shipping", 10)).isInstanceOf(SagaNotFoundException.class)
        .hasMessageContaining("'Shipping'").hasMessageContaining(ORDERS);
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> admin.sagaInstance(ORDERS, unknown)).isInstanceOf(SagaNotFoundException.class)
        .hasMessageContaining(unknown.toString());
    assertThatThrownBy(() -> admin.endSagaInstance(ORDERS, unknown)).isInstanceOf(SagaNotFoundException.class);
    assertThat(admin.audit(1).get(0)).satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("saga.end");
      assertThat(entry.outcome()).startsWith("refused: ").contains(unknown.toString());
      assertThat(entry.actor()).isEqualTo("operator-bo");
    });
    assertThat(List.of(ORDERS, REGISTRATION)).containsAll(admin.sagaNames());
  }
}
