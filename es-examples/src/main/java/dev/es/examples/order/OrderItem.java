package dev.es.examples.order;

import java.math.BigDecimal;

/** A line of an order. */
public record OrderItem(String sku, int quantity, BigDecimal unitPrice) {

  public OrderItem {
    if (sku == null || sku.isBlank()) {
      throw new IllegalArgumentException("an order item needs a SKU");
    }
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity of " + sku + " must be at least 1, was " + quantity);
    }
    if (unitPrice == null || unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price of " + sku + " must not be negative");
    }
  }

  public BigDecimal lineTotal() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
