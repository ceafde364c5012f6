package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCancelled;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order-processing saga against Cassandra: OrderCreated → PaymentRequested; PaymentConfirmed →
 * InventoryReserved; InventoryReserved → ShipmentCreated and the end; a poison event parks the instance and runs
 * its declared compensation.
 */
@CassandraTest
class OrderSagaTest {

  private final StoreAndFeed storage;
  private FeedPublishers publishers;
  private SagaRunner runner;

  OrderSagaTest(CqlSession session, TestKeyspace keyspace) {
    storage = new StoreAndFeed(session, keyspace.name());
  }

  @BeforeEach
  void start() {
    publishers = storage.feed.startPublishing("test");
    runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE)
        .retries(3, Duration.ofMillis(20)).build().start();
  }

  @AfterEach
  void stop() {
    runner.close();
    publishers.close();
  }

  @Test
  void anOrderGoesFromPaymentToInventoryToShipmentAndTheSagaEnds() {
    UUID orderId = UUID.randomUUID();
    storage.append("Order", orderId, new OrderCreated(orderId, "ann", 4200));

    PaymentRequested requested = await().atMost(Duration.ofSeconds(20))
        .until(() -> storage.all(PaymentRequested.class).stream().filter(p -> p.orderId().equals(orderId)).toList(),
            list -> list.size() == 1).get(0);
    assertThat(requested.amountCents()).isEqualTo(4200);
    SagaInstance<OrderSaga> waiting = single(orderId);
    assertThat(waiting.state().stage()).isEqualTo(OrderSaga.Stage.PAYMENT_REQUESTED);
    assertThat(waiting.state().paymentId()).isEqualTo(requested.paymentId());
    assertThat(waiting.ended()).isFalse();

    // the payment service confirms on the payment's own stream; the saga finds the order by its orderId
    storage.append("Payment", requested.paymentId(), new PaymentConfirmed(orderId, requested.paymentId()));

    await().atMost(Duration.ofSeconds(20)).until(() -> single(orderId).ended());
    SagaInstance<OrderSaga> done = single(orderId);
    assertThat(done.state().stage()).isEqualTo(OrderSaga.Stage.SHIPPED);
    assertThat(done.version()).isEqualTo(3);
    assertThat(done.handled()).hasSize(3);
    assertThat(done.parked()).isFalse();
    assertThat(storage.all(InventoryReserved.class)).containsExactly(new InventoryReserved(orderId));
    assertThat(storage.all(ShipmentCreated.class)).singleElement()
        .satisfies(s -> assertThat(s.orderId()).isEqualTo(orderId));
    assertThat(storage.all(OrderCancelled.class)).as("no compensation after success").isEmpty();

    List<EventEnvelope<Object>> payment = storage.store.readStream(requested.paymentId()).toList();
    assertThat(payment.get(0).metadata().causationId())
        .as("the emitted event names the event that caused it").isNotNull();
  }

  /** An event of another service, which this process does not know. */
  record StockCounted(int units) {}

  @Test
  void eventsOfTypesTheSagaDoesNotHandleArePassedOverUndecodedSoAnUnknownTypeStopsNothing() {
    CassandraEventStore otherService = new CassandraEventStore(storage.session, storage.store.options(),
        new EventRegistry().register(EventType.current("StockCounted", 1, StockCounted.class)));
    UUID orderId = UUID.randomUUID();
    otherService.append("Order", orderId, ExpectedVersion.noStream(), List.of(new StockCounted(3)));
    storage.append("Order", orderId, new OrderCreated(orderId, "cy", 900));

    await().atMost(Duration.ofSeconds(20))
        .until(() -> storage.all(PaymentRequested.class).stream().anyMatch(p -> p.orderId().equals(orderId)));
    await().atMost(Duration.ofSeconds(20)).until(() -> runner.status(OrderSaga.TYPE.name()).lag() == 0);
    assertThat(runner.status(OrderSaga.TYPE.name()).state()).isEqualTo(ProjectionStatus.State.RUNNING);
    assertThat(single(orderId).state().stage()).isEqualTo(OrderSaga.Stage.PAYMENT_REQUESTED);
  }

  @Test
  void aPoisonEventParksTheInstanceWithTheErrorAndRunsTheDeclaredCompensation() {
    UUID poisoned = UUID.randomUUID();
    UUID healthy = UUID.randomUUID();
    storage.append("Order", poisoned, new OrderCreated(poisoned, "bob", 100));
    storage.append("Order", healthy, new OrderCreated(healthy, "cy", 200));
    await().atMost(Duration.ofSeconds(20)).until(() -> storage.count("PaymentRequested") >= 2);

    storage.append("Order", poisoned, new OrderAddressChanged(poisoned, " "));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(poisoned).parked());

    SagaInstance<OrderSaga> parked = single(poisoned);
    UUID poisonId = storage.store.readStream(poisoned, 2, 2).findFirst().orElseThrow().eventId();
    assertThat(parked.parkedEvent()).contains(poisonId);
    assertThat(parked.error()).hasValueSatisfying(error -> assertThat(error)
        .contains("OrderProcessing", parked.instanceId().toString(), "OrderAddressChanged", poisonId.toString(),
            "failed 3 times", "blank address"));
    assertThat(parked.state().stage()).as("the state before the poison event is kept")
        .isEqualTo(OrderSaga.Stage.PAYMENT_REQUESTED);
    assertThat(runner.parkedInstances(OrderSaga.TYPE.name(), 10)).as("the parked instances, listed")
        .extracting(SagaInstance::instanceId).containsExactly(parked.instanceId());
    await().atMost(Duration.ofSeconds(10)).until(() -> storage.all(OrderCancelled.class).size() == 1);
    assertThat(storage.all(OrderCancelled.class))
        .containsExactly(new OrderCancelled(poisoned, "order processing failed"));

    // a later event for the parked instance is recorded as deferred, not handled and not dropped silently
    storage.append("Payment", UUID.randomUUID(), new PaymentConfirmed(poisoned, UUID.randomUUID()));
    await().atMost(Duration.ofSeconds(20)).until(() -> !single(poisoned).deferred().isEmpty());
    assertThat(storage.all(InventoryReserved.class)).noneMatch(r -> r.orderId().equals(poisoned));

    // the other order goes on
    storage.append("Payment", UUID.randomUUID(), new PaymentConfirmed(healthy, UUID.randomUUID()));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(healthy).ended());
    assertThat(storage.all(OrderCancelled.class)).hasSize(1);

    // a listing row left by a parking write that then lost its race lists nothing
    storage.session.execute("INSERT INTO saga_parked (saga, instance) VALUES (?, ?)", OrderSaga.TYPE.name(),
        single(healthy).instanceId());
    assertThat(runner.parkedInstances(OrderSaga.TYPE.name(), 10)).extracting(SagaInstance::instanceId)
        .containsExactly(parked.instanceId());
  }

  private SagaInstance<OrderSaga> single(UUID orderId) {
    List<SagaInstance<OrderSaga>> found = runner.instances(OrderSaga.TYPE, "orderId", orderId);
    assertThat(found).as("instances of order %s", orderId).hasSize(1);
    return found.get(0);
  }
}
