package dev.es.examples.order.view;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.examples.order.ItemAdded;
import dev.es.examples.order.ItemRemoved;
import dev.es.examples.order.OrderCancelled;
import dev.es.examples.order.OrderCompleted;
import dev.es.examples.order.OrderCreated;
import dev.es.examples.order.OrderShipped;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.PaymentConfirmed;
import dev.es.runtime.feed.FeedEvent;
import java.util.UUID;

/**
 * Keeps the order read models up to date. Each handler writes the rows of the order as they are after the event,
 * and records the event's version: an event at or below the recorded version was handled already (a redelivery
 * after a crash) and is skipped, so statistics never count an order twice.
 */
@Projector(name = "orders")
public class OrderProjector {

  private final OrderViewTable orders;
  private final OrderByCustomerTable byCustomer;
  private final OrderByStatusTable byStatus;

  public OrderProjector(OrderViewTable orders, OrderByCustomerTable byCustomer, OrderByStatusTable byStatus) {
    this.orders = orders;
    this.byCustomer = byCustomer;
    this.byStatus = byStatus;
  }

  @Handle
  void on(OrderCreated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    if (orders.find(id).isPresent()) {
      return;
    }
    write(new OrderView(id, e.customerId(), OrderStatus.PENDING, e.total(), e.items().size(), event.envelope().timestamp(),
        null, event.envelope().version()), null);
  }

  @Handle
  void on(ItemAdded e, FeedEvent event) {
    change(event, order -> new OrderView(order.orderId(), order.customerId(), order.status(), e.newTotal(),
        order.lineCount() + 1, order.placedAt(), order.trackingNumber(), event.envelope().version()));
  }

  @Handle
  void on(ItemRemoved e, FeedEvent event) {
    change(event, order -> new OrderView(order.orderId(), order.customerId(), order.status(), e.newTotal(),
        order.lineCount() - 1, order.placedAt(), order.trackingNumber(), event.envelope().version()));
  }

  @Handle
  void on(PaymentConfirmed e, FeedEvent event) {
    change(event, order -> withStatus(order, OrderStatus.PAID, order.trackingNumber(), event));
  }

  @Handle
  void on(OrderShipped e, FeedEvent event) {
    change(event, order -> withStatus(order, OrderStatus.SHIPPED, e.trackingNumber(), event));
  }

  @Handle
  void on(OrderCompleted e, FeedEvent event) {
    change(event, order -> withStatus(order, OrderStatus.COMPLETED, order.trackingNumber(), event));
  }

  @Handle
  void on(OrderCancelled e, FeedEvent event) {
    change(event, order -> withStatus(order, OrderStatus.CANCELLED, order.trackingNumber(), event));
  }

  @Reset
  void clear() {
    orders.truncate();
    byCustomer.truncate();
    byStatus.truncate();
  }

  private void change(FeedEvent event, java.util.function.UnaryOperator<OrderView> next) {
    orders.find(event.envelope().aggregateId())
        .filter(order -> order.version() < event.envelope().version())
        .ifPresent(order -> write(next.apply(order), order.status()));
  }

  private void write(OrderView order, OrderStatus previousStatus) {
    if (previousStatus != null && previousStatus != order.status()) {
      byStatus.delete(previousStatus, order.orderId());
    }
    byStatus.upsert(new OrderByStatus(order.status(), order.orderId(), order.total()));
    byCustomer.upsert(new OrderByCustomer(order.customerId(), order.placedAt(), order.orderId(), order.status(),
        order.total()));
    orders.upsert(order);
  }

  private static OrderView withStatus(OrderView order, OrderStatus status, String trackingNumber, FeedEvent event) {
    return new OrderView(order.orderId(), order.customerId(), status, order.total(), order.lineCount(),
        order.placedAt(), trackingNumber, event.envelope().version());
  }
}
