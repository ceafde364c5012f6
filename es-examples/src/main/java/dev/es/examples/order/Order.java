package dev.es.examples.order;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order: created with items (one line per SKU), changed while pending, paid, shipped, completed; cancellable until completed.
 * Commands check the status and throw {@link IllegalOrderStateException} for a transition it does not allow.
 * Snapshots every 20 events keep loading fast however long an order's history grows.
 */
@EventSourced(snapshotEvery = 20)
public class Order extends AggregateRoot<OrderEvent> {

  UUID customerId;
  List<OrderItem> items = new ArrayList<>();
  BigDecimal total = BigDecimal.ZERO;
  OrderStatus status;
  String paymentId;
  String trackingNumber;
  boolean paymentRequested;
  boolean inventoryReserved;
  UUID shipmentId;

  Order(UUID id) {
    super(id);
  }

  public static Order create(UUID id, UUID customerId, List<OrderItem> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("order " + id + " needs at least one item");
    }
    if (items.stream().map(OrderItem::sku).distinct().count() != items.size()) {
      throw new IllegalArgumentException("order " + id + " lists a SKU twice; one line per SKU");
    }
    Order order = new Order(id);
    order.raise(new OrderCreated(id, customerId, items, sum(items)));
    return order;
  }

  public void addItem(OrderItem item) {
    requireStatus(OrderStatus.PENDING, "add an item");
    if (items.stream().anyMatch(line -> line.sku().equals(item.sku()))) {
      throw new IllegalArgumentException("order " + id() + " already has a line for " + item.sku());
    }
    List<OrderItem> after = new ArrayList<>(items);
    after.add(item);
    raise(new ItemAdded(id(), item, sum(after)));
  }

  public void removeItem(String sku) {
    requireStatus(OrderStatus.PENDING, "remove an item");
    List<OrderItem> after = items.stream().filter(item -> !item.sku().equals(sku)).toList();
    if (after.size() == items.size()) {
      throw new IllegalArgumentException("order " + id() + " has no item " + sku);
    }
    if (after.isEmpty()) {
      throw new IllegalArgumentException("cannot remove the last item of order " + id() + "; cancel it instead");
    }
    raise(new ItemRemoved(id(), sku, sum(after)));
  }

  public void confirmPayment(String paymentId, BigDecimal amount) {
    requireStatus(OrderStatus.PENDING, "confirm a payment");
    if (amount.compareTo(total) != 0) {
      throw new IllegalArgumentException("payment of " + amount + " does not match the total " + total
          + " of order " + id());
    }
    raise(new PaymentConfirmed(id(), paymentId, amount));
  }

  public void ship(String trackingNumber) {
    requireStatus(OrderStatus.PAID, "ship");
    raise(new OrderShipped(trackingNumber));
  }

  public void complete() {
    requireStatus(OrderStatus.SHIPPED, "complete");
    raise(new OrderCompleted());
  }

  public void cancel(String reason) {
    if (status == OrderStatus.COMPLETED || status == OrderStatus.CANCELLED) {
      throw new IllegalOrderStateException(id(), status, "cancel");
    }
    raise(new OrderCancelled(reason));
  }

  @Apply
  void on(OrderCreated event) {
    customerId = event.customerId();
    items = new ArrayList<>(event.items());
    total = event.total();
    status = OrderStatus.PENDING;
  }

  @Apply
  void on(ItemAdded event) {
    items.add(event.item());
    total = event.newTotal();
  }

  @Apply
  void on(ItemRemoved event) {
    items.removeIf(item -> item.sku().equals(event.sku()));
    total = event.newTotal();
  }

  @Apply
  void on(PaymentRequested event) {
    paymentRequested = true;
  }

  @Apply
  void on(InventoryReserved event) {
    inventoryReserved = true;
  }

  @Apply
  void on(ShipmentCreated event) {
    shipmentId = event.shipmentId();
  }

  @Apply
  void on(PaymentConfirmed event) {
    paymentId = event.paymentId();
    status = OrderStatus.PAID;
  }

  @Apply
  void on(OrderShipped event) {
    trackingNumber = event.trackingNumber();
    status = OrderStatus.SHIPPED;
  }

  @Apply
  void on(OrderCompleted event) {
    status = OrderStatus.COMPLETED;
  }

  @Apply
  void on(OrderCancelled event) {
    status = OrderStatus.CANCELLED;
  }

  public UUID customerId() {
    return customerId;
  }

  public List<OrderItem> items() {
    return List.copyOf(items);
  }

  public BigDecimal total() {
    return total;
  }

  public OrderStatus status() {
    return status;
  }

  public String trackingNumber() {
    return trackingNumber;
  }

  /** Whether the fulfillment saga asked for the payment. */
  public boolean paymentRequested() {
    return paymentRequested;
  }

  /** Whether the fulfillment saga reserved the items. */
  public boolean inventoryReserved() {
    return inventoryReserved;
  }

  /** The shipment the fulfillment saga created, or null. */
  public UUID shipmentId() {
    return shipmentId;
  }

  private void requireStatus(OrderStatus required, String command) {
    if (status != required) {
      throw new IllegalOrderStateException(id(), status, command);
    }
  }

  private static BigDecimal sum(List<OrderItem> items) {
    return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
