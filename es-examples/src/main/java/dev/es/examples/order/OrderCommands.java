package dev.es.examples.order;

import dev.es.runtime.MetadataContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The order command handlers: validate, load, act, save (with retries on a concurrent change). Each runs in a
 * {@link MetadataContext}, so its events carry the command's correlation id and the acting user.
 */
public final class OrderCommands {

  private final OrderRepository orders;
  private final String actor;

  public OrderCommands(OrderRepository orders, String actor) {
    this.orders = orders;
    this.actor = actor;
  }

  public UUID place(UUID customerId, List<OrderItem> items) {
    UUID id = UUID.randomUUID();
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.save(Order.create(id, customerId, items));
    }
    return id;
  }

  public void addItem(UUID orderId, OrderItem item) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, order -> order.addItem(item));
    }
  }

  public void removeItem(UUID orderId, String sku) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, order -> order.removeItem(sku));
    }
  }

  public void confirmPayment(UUID orderId, String paymentId, BigDecimal amount) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, order -> order.confirmPayment(paymentId, amount));
    }
  }

  public void ship(UUID orderId, String trackingNumber) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, order -> order.ship(trackingNumber));
    }
  }

  public void complete(UUID orderId) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, Order::complete);
    }
  }

  public void cancel(UUID orderId, String reason) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      orders.update(orderId, order -> order.cancel(reason));
    }
  }
}
