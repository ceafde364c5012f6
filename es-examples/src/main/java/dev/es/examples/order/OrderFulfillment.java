package dev.es.examples.order;

import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.runtime.saga.SagaContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The order-fulfillment saga: OrderCreated → PaymentRequested; PaymentConfirmed → InventoryReserved;
 * InventoryReserved → ShipmentCreated, then it ends. It follows each order by the {@code orderId} its events carry
 * and appends its events to the order's stream; the runtime does each of those appends exactly once, even across
 * crashes.
 *
 * @param orderId the order followed
 * @param skus the order's items, followed from its creation through its changes, for the reservation
 * @param stage where the order is in its fulfillment
 */
// snippet:saga
@Saga(name = "order-fulfillment")
public record OrderFulfillment(UUID orderId, List<String> skus, Stage stage) {

  /** The steps of a fulfillment. */
  public enum Stage { AWAITING_PAYMENT, RESERVING_ITEMS, SHIPPING }

  OrderFulfillment() {
    this(null, List.of(), null);
  }

  @StartSaga
  @SagaEventHandler(associationProperty = "orderId")
  OrderFulfillment on(OrderCreated e, SagaContext context) {
    context.emit("Order", e.orderId(), new PaymentRequested(e.orderId(), e.total()));
    return new OrderFulfillment(e.orderId(), e.items().stream().map(OrderItem::sku).toList(), Stage.AWAITING_PAYMENT);
  }

  @SagaEventHandler(associationProperty = "orderId")
  OrderFulfillment on(ItemAdded e) {
    List<String> more = new ArrayList<>(skus);
    more.add(e.item().sku());
    return new OrderFulfillment(orderId, more, stage);
  }

  @SagaEventHandler(associationProperty = "orderId")
  OrderFulfillment on(ItemRemoved e) {
    return new OrderFulfillment(orderId, skus.stream().filter(sku -> !sku.equals(e.sku())).toList(), stage);
  }

  @SagaEventHandler(associationProperty = "orderId")
  OrderFulfillment on(PaymentConfirmed e, SagaContext context) {
    context.emit("Order", orderId, new InventoryReserved(orderId, skus));
    return new OrderFulfillment(orderId, skus, Stage.RESERVING_ITEMS);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "orderId")
  OrderFulfillment on(InventoryReserved e, SagaContext context) {
    // the shipment id is derived from the order, so the event is the same however often this step is retried
    UUID shipment = UUID.nameUUIDFromBytes(("shipment:" + orderId).getBytes(StandardCharsets.UTF_8));
    context.emit("Order", orderId, new ShipmentCreated(orderId, shipment));
    return new OrderFulfillment(orderId, skus, Stage.SHIPPING);
  }
}
// end:saga
