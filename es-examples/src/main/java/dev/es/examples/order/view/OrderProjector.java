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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Keeps the order read models up to date without blocking a thread: each handler returns the stage of its table
 * writes, so the runner handles many orders at once.
 *
 * <p>Every row is written at the event's version as write timestamp, and a later version always wins over an
 * earlier one whatever order they arrive in. So {@code OrderCreated}, an order's first event, writes its rows
 * without reading anything: handled again after a crash, it cannot overwrite what a later event wrote. The other
 * handlers compute the order from its current row, which records the version of the last event it reflects: an
 * event at or below it was handled already (a redelivery after a crash) and is skipped, so statistics never count
 * an order twice. The order row is written last, after the rows derived from it, so a row that records an event
 * means every write of that event is done.
 */
@Projector(name = "orders")
public class OrderProjector {

  private static final CompletionStage<Void> SKIPPED = CompletableFuture.completedStage(null);

  private final OrderViewTable orders;
  private final OrderByCustomerTable byCustomer;
  private final OrderByStatusTable byStatus;

  public OrderProjector(OrderViewTable orders, OrderByCustomerTable byCustomer, OrderByStatusTable byStatus) {
    this.orders = orders;
    this.byCustomer = byCustomer;
    this.byStatus = byStatus;
  }

  @Handle
  CompletionStage<Void> on(OrderCreated e, FeedEvent event) {
    return write(new OrderView(event.envelope().aggregateId(), e.customerId(), OrderStatus.PENDING, e.total(),
        e.items().size(), event.envelope().timestamp(), null, event.envelope().version()), null);
  }

  @Handle
  CompletionStage<Void> on(ItemAdded e, FeedEvent event) {
    return change(event, order -> new OrderView(order.orderId(), order.customerId(), order.status(), e.newTotal(),
        order.lineCount() + 1, order.placedAt(), order.trackingNumber(), event.envelope().version()));
  }

  @Handle
  CompletionStage<Void> on(ItemRemoved e, FeedEvent event) {
    return change(event, order -> new OrderView(order.orderId(), order.customerId(), order.status(), e.newTotal(),
        order.lineCount() - 1, order.placedAt(), order.trackingNumber(), event.envelope().version()));
  }

  @Handle
  CompletionStage<Void> on(PaymentConfirmed e, FeedEvent event) {
    return change(event, order -> withStatus(order, OrderStatus.PAID, order.trackingNumber(), event));
  }

  @Handle
  CompletionStage<Void> on(OrderShipped e, FeedEvent event) {
    return change(event, order -> withStatus(order, OrderStatus.SHIPPED, e.trackingNumber(), event));
  }

  @Handle
  CompletionStage<Void> on(OrderCompleted e, FeedEvent event) {
    return change(event, order -> withStatus(order, OrderStatus.COMPLETED, order.trackingNumber(), event));
  }

  @Handle
  CompletionStage<Void> on(OrderCancelled e, FeedEvent event) {
    return change(event, order -> withStatus(order, OrderStatus.CANCELLED, order.trackingNumber(), event));
  }

  @Reset
  void clear() {
    orders.truncate();
    byCustomer.truncate();
    byStatus.truncate();
  }

  /** Writes the order as {@code next} makes it, unless its row already reflects this event. */
  private CompletionStage<Void> change(FeedEvent event, UnaryOperator<OrderView> next) {
    long version = event.envelope().version();
    return orders.findAsync(event.envelope().aggregateId()).thenCompose(found -> found
        .filter(order -> order.version() < version)
        .map(order -> write(next.apply(order), order.status()))
        .orElse(SKIPPED));
  }

  /** Writes the rows derived from the order at once, then the order's row, all at the order's version. */
  private CompletionStage<Void> write(OrderView order, OrderStatus previousStatus) {
    long at = order.version();
    List<CompletableFuture<Void>> derived = new ArrayList<>(3);
    if (previousStatus != null && previousStatus != order.status()) {
      derived.add(byStatus.deleteAsync(previousStatus, order.orderId(), at).toCompletableFuture());
    }
    derived.add(byStatus.upsertAsync(new OrderByStatus(order.status(), order.orderId(), order.total()), at)
        .toCompletableFuture());
    derived.add(byCustomer.upsertAsync(new OrderByCustomer(order.customerId(), order.placedAt(), order.orderId(),
        order.status(), order.total()), at).toCompletableFuture());
    return CompletableFuture.allOf(derived.toArray(new CompletableFuture<?>[0]))
        .thenCompose(written -> orders.upsertAsync(order, at));
  }

  private static OrderView withStatus(OrderView order, OrderStatus status, String trackingNumber, FeedEvent event) {
    return new OrderView(order.orderId(), order.customerId(), status, order.total(), order.lineCount(),
        order.placedAt(), trackingNumber, event.envelope().version());
  }
}
