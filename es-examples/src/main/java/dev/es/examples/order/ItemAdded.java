package dev.es.examples.order;

import java.math.BigDecimal;

/** An item was added to a pending order. */
public record ItemAdded(OrderItem item, BigDecimal newTotal) implements OrderEvent {}
