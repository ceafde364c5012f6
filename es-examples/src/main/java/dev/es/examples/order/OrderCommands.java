package dev.es.examples.order;

import dev.es.examples.CommandScope;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The order command handlers: validate, load, act, save (with retries on a concurrent change); each in its own
 * {@link CommandScope}.
 */
public final class OrderCommands {

  private final OrderRepository orders;
  private final CommandScope scope;

  public OrderCommands(OrderRepository orders, CommandScope scope) {
    this.orders = orders;
    this.scope = scope;
  }

  public UUID place(UUID customerId, List<OrderItem> items) {
    UUID id = UUID.randomUUID();
    scope.run(() -> orders.save(Order.create(id, customerId, items)));
    return id;
  }

  public void addItem(UUID orderId, OrderItem item) {
    scope.run(() -> orders.update(orderId, order -> order.addItem(item)));
  }

  public void removeItem(UUID orderId, String sku) {
    scope.run(() -> orders.update(orderId, order -> order.removeItem(sku)));
  }

  public void confirmPayment(UUID orderId, String paymentId, BigDecimal amount) {
    scope.run(() -> orders.update(orderId, order -> order.confirmPayment(paymentId, amount)));
  }

  public void ship(UUID orderId, String trackingNumber) {
    scope.run(() -> orders.update(orderId, order -> order.ship(trackingNumber)));
  }

  public void complete(UUID orderId) {
    scope.run(() -> orders.update(orderId, Order::complete));
  }

  public void cancel(UUID orderId, String reason) {
    scope.run(() -> orders.update(orderId, order -> order.cancel(reason)));
  }
}
