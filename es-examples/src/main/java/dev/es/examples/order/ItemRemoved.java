package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.UUID;

/** An item was removed from a pending order. */
public record ItemRemoved(UUID orderId, String sku, BigDecimal newTotal) implements OrderEvent {}
