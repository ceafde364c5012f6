package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.UUID;

/** An item was added to a pending order. */
public record ItemAdded(UUID orderId, OrderItem item, BigDecimal newTotal) implements OrderEvent {}
