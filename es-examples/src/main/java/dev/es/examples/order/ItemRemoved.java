package dev.es.examples.order;

import java.math.BigDecimal;

/** An item was removed from a pending order. */
public record ItemRemoved(String sku, BigDecimal newTotal) implements OrderEvent {}
