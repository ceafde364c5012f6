package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** An order was placed. It names its order so that a saga can follow the order by this property. */
public record OrderCreated(UUID orderId, UUID customerId, List<OrderItem> items, BigDecimal total) implements OrderEvent {
  public OrderCreated {
    items = List.copyOf(items);
  }
}
