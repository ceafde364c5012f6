package dev.es.it.saga;

import dev.es.runtime.spi.EventType;
import java.util.List;
import java.util.UUID;

/** The order-processing events: some appended by the test (the "services"), some emitted by the saga. */
public final class OrderEvents {

  public record OrderCreated(UUID orderId, String customer, long amountCents) {}

  public record PaymentRequested(UUID orderId, UUID paymentId, long amountCents) {}

  public record PaymentConfirmed(UUID orderId, UUID paymentId) {}

  public record InventoryReserved(UUID orderId) {}

  public record ShipmentCreated(UUID orderId, UUID shipmentId) {}

  /** A customer's change the saga cannot handle when the address is blank: the poison event. */
  public record OrderAddressChanged(UUID orderId, String address) {}

  /** The compensation the saga declares once payment is requested. */
  public record OrderCancelled(UUID orderId, String reason) {}

  public static final List<EventType<?>> TYPES = List.of(
      EventType.current("OrderCreated", 1, OrderCreated.class),
      EventType.current("PaymentRequested", 1, PaymentRequested.class),
      EventType.current("PaymentConfirmed", 1, PaymentConfirmed.class),
      EventType.current("InventoryReserved", 1, InventoryReserved.class),
      EventType.current("ShipmentCreated", 1, ShipmentCreated.class),
      EventType.current("OrderAddressChanged", 1, OrderAddressChanged.class),
      EventType.current("OrderCancelled", 1, OrderCancelled.class));

  private OrderEvents() {}
}
