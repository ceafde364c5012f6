package dev.es.it.saga;

import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCancelled;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.spi.SagaType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The order-processing saga: OrderCreated → PaymentRequested (and declares OrderCancelled as compensation);
 * PaymentConfirmed → InventoryReserved; InventoryReserved → ShipmentCreated, end. An address change to a blank
 * address is the poison event.
 *
 * @param orderId the order
 * @param paymentId the payment stream the request went to
 * @param stage how far the order got
 * @param address the last address the customer gave
 */
@Saga(name = "OrderProcessing")
public record OrderSaga(UUID orderId, UUID paymentId, Stage stage, String address) {

  /** The type the processor generated; stateless, so one serves every runner. */
  public static final SagaType<OrderSaga> TYPE = new OrderSaga_SagaType();

  public enum Stage { NEW, PAYMENT_REQUESTED, INVENTORY_REQUESTED, SHIPPED }

  OrderSaga() {
    this(null, null, Stage.NEW, "");
  }

  /** The inventory reservation stream of an order. */
  static UUID reservation(UUID orderId) {
    return UUID.nameUUIDFromBytes(("reservation:" + orderId).getBytes(StandardCharsets.UTF_8));
  }

  @StartSaga
  @SagaEventHandler(associationProperty = "orderId")
  OrderSaga on(OrderCreated e, SagaContext context) {
    UUID payment = UUID.randomUUID();   // random on purpose: the staged event is stored, not recomputed
    context.emit("Payment", payment, new PaymentRequested(e.orderId(), payment, e.amountCents()));
    context.compensateWith("Order", e.orderId(), new OrderCancelled(e.orderId(), "order processing failed"));
    return new OrderSaga(e.orderId(), payment, Stage.PAYMENT_REQUESTED, address);
  }

  @SagaEventHandler(associationProperty = "orderId")
  OrderSaga on(PaymentConfirmed e, SagaContext context) {
    context.emit("Inventory", reservation(e.orderId()), new InventoryReserved(e.orderId()));
    return new OrderSaga(orderId, paymentId, Stage.INVENTORY_REQUESTED, address);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "orderId")
  OrderSaga on(InventoryReserved e, SagaContext context) {
    context.emit("Shipment", UUID.randomUUID(), new ShipmentCreated(e.orderId(), UUID.randomUUID()));
    context.discardCompensations();
    return new OrderSaga(orderId, paymentId, Stage.SHIPPED, address);
  }

  @SagaEventHandler(associationProperty = "orderId")
  OrderSaga on(OrderAddressChanged e) {
    if (e.address().isBlank()) {
      throw new IllegalArgumentException("blank address for order " + e.orderId());
    }
    return new OrderSaga(orderId, paymentId, stage, e.address());
  }
}
