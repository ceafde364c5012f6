package dev.es.examples.order;

import java.util.List;
import java.util.UUID;

/** The fulfillment saga reserved the items of a paid order. */
public record InventoryReserved(UUID orderId, List<String> skus) implements OrderEvent {
  public InventoryReserved {
    skus = List.copyOf(skus);
  }
}
