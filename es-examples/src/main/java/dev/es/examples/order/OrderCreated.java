package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** An order was placed. */
public record OrderCreated(UUID customerId, List<OrderItem> items, BigDecimal total) implements OrderEvent {
  public OrderCreated {
    items = List.copyOf(items);
  }
}
