package dev.es.it.saga;

import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderAddressChanged;
import dev.es.it.saga.OrderEvents.OrderCancelled;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Written by hand as the processor would generate it from:
 *
 * <pre>{@code
 * @Saga(name = "OrderProcessing")
 * record State(UUID orderId, UUID paymentId, Stage stage, String address) {
 *   @StartSaga @SagaEventHandler(associationProperty = "orderId")
 *   State on(OrderCreated e, SagaContext context) {...}
 *   @SagaEventHandler(associationProperty = "orderId")
 *   State on(PaymentConfirmed e, SagaContext context) {...}
 *   @EndSaga @SagaEventHandler(associationProperty = "orderId")
 *   State on(InventoryReserved e, SagaContext context) {...}
 *   @SagaEventHandler(associationProperty = "orderId")
 *   State on(OrderAddressChanged e) {...}
 * }
 * }</pre>
 *
 * OrderCreated → PaymentRequested; PaymentConfirmed → InventoryReserved; InventoryReserved → ShipmentCreated,
 * end.
 */
public final class OrderSaga implements SagaType<OrderSaga.State> {

  public static final OrderSaga TYPE = new OrderSaga();

  public enum Stage { NEW, PAYMENT_REQUESTED, INVENTORY_REQUESTED, SHIPPED }

  public record State(UUID orderId, UUID paymentId, Stage stage, String address) {}

  @Override
  public String name() {
    return "OrderProcessing";
  }

  @Override
  public Class<State> stateClass() {
    return State.class;
  }

  @Override
  public State create() {
    return new State(null, null, Stage.NEW, "");
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return OrderEvents.TYPES;
  }

  @Override
  public Optional<Binding> bind(Object event) {
    if (event instanceof OrderCreated e) {
      return Optional.of(Binding.starting("orderId", e.orderId()));
    }
    if (event instanceof PaymentConfirmed e) {
      return Optional.of(Binding.continuing("orderId", e.orderId()));
    }
    if (event instanceof InventoryReserved e) {
      return Optional.of(Binding.continuing("orderId", e.orderId()));
    }
    if (event instanceof OrderAddressChanged e) {
      return Optional.of(Binding.continuing("orderId", e.orderId()));
    }
    return Optional.empty();
  }

  @Override
  public State handle(State state, Object event, SagaContext context) {
    if (event instanceof OrderCreated e) {
      return on(state, e, context);
    }
    if (event instanceof PaymentConfirmed e) {
      return on(state, e, context);
    }
    if (event instanceof InventoryReserved e) {
      return on(state, e, context);
    }
    if (event instanceof OrderAddressChanged e) {
      return on(state, e, context);
    }
    throw new IllegalArgumentException("saga OrderProcessing has no handler for " + event.getClass().getName());
  }

  // ---- what the user writes

  /** The inventory reservation stream of an order. */
  static UUID reservation(UUID orderId) {
    return UUID.nameUUIDFromBytes(("reservation:" + orderId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private State on(State state, OrderCreated e, SagaContext context) {
    UUID paymentId = UUID.randomUUID();   // random on purpose: the staged event is stored, not recomputed
    context.emit("Payment", paymentId, new PaymentRequested(e.orderId(), paymentId, e.amountCents()));
    context.compensateWith("Order", e.orderId(), new OrderCancelled(e.orderId(), "order processing failed"));
    return new State(e.orderId(), paymentId, Stage.PAYMENT_REQUESTED, state.address());
  }

  private State on(State state, PaymentConfirmed e, SagaContext context) {
    context.emit("Inventory", reservation(e.orderId()), new InventoryReserved(e.orderId()));
    return new State(state.orderId(), state.paymentId(), Stage.INVENTORY_REQUESTED, state.address());
  }

  private State on(State state, InventoryReserved e, SagaContext context) {
    context.emit("Shipment", UUID.randomUUID(), new ShipmentCreated(e.orderId(), UUID.randomUUID()));
    context.discardCompensations();
    context.end();
    return new State(state.orderId(), state.paymentId(), Stage.SHIPPED, state.address());
  }

  private State on(State state, OrderAddressChanged e, SagaContext context) {
    if (e.address().isBlank()) {
      throw new IllegalArgumentException("blank address for order " + e.orderId());
    }
    return new State(state.orderId(), state.paymentId(), state.stage(), e.address());
  }
}
