package dev.es.examples.order;

import dev.es.testkit.fixture.SagaEmitted;
import dev.es.testkit.fixture.SagaFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order-fulfillment saga, given/when/then, without Cassandra; events and state round-trip through JSON. */
class OrderFulfillmentTest {

  private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-00000000c001");
  private static final OrderItem BOOK = new OrderItem("BOOK-1", 1, new BigDecimal("24.90"));
  private static final OrderItem PEN = new OrderItem("PEN-7", 3, new BigDecimal("2.50"));

  // snippet:saga-fixture
  private final SagaFixture<OrderFulfillment> fixture = SagaFixture.of(new OrderFulfillment_SagaType())
      .withEventTypes(new Order_AggregateType().eventTypes());   // what the saga emits: Order events
  private final OrderCreated created = new OrderCreated(ORDER, CUSTOMER, List.of(BOOK, PEN), new BigDecimal("32.40"));

  @Test
  void anOrderStartsItsFulfillmentByRequestingThePayment() {
    fixture.when(created)
        .expectEmitted(SagaEmitted.to("Order", ORDER, new PaymentRequested(ORDER, new BigDecimal("32.40"))))
        .expectNotEnded()
        .expectState(new OrderFulfillment(ORDER, List.of("BOOK-1", "PEN-7"), OrderFulfillment.Stage.AWAITING_PAYMENT));
  }
  // end:saga-fixture

  @Test
  void aPaidOrderHasTheItemsItHasThenReserved() {
    OrderItem lamp = new OrderItem("LAMP-2", 1, new BigDecimal("39.00"));
    fixture.given(created, new ItemAdded(ORDER, lamp, new BigDecimal("71.40")),
            new ItemRemoved(ORDER, "PEN-7", new BigDecimal("63.90")))
        .when(new PaymentConfirmed(ORDER, "PAY-1", new BigDecimal("63.90")))
        .expectEmittedEvents(new InventoryReserved(ORDER, List.of("BOOK-1", "LAMP-2")))
        .expectNotEnded();
  }

  @Test
  void reservedItemsGetAShipmentAndTheSagaEnds() {
    UUID shipment = UUID.nameUUIDFromBytes(("shipment:" + ORDER).getBytes(StandardCharsets.UTF_8));
    fixture.given(created, new PaymentConfirmed(ORDER, "PAY-1", new BigDecimal("32.40")))
        .when(new InventoryReserved(ORDER, List.of("BOOK-1", "PEN-7")))
        .expectEmittedEvents(new ShipmentCreated(ORDER, shipment))
        .expectEnded();
  }

  @Test
  void eventsOfAnotherOrderDoNotReachThisInstance() {
    UUID other = UUID.randomUUID();
    fixture.given(created)
        .when(new PaymentConfirmed(other, "PAY-9", new BigDecimal("1.00")))
        .expectIgnored();
  }
}
