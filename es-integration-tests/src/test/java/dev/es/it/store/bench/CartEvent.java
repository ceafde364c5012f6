package dev.es.it.store.bench;

import java.math.BigDecimal;

/** The events of {@link Cart}, the aggregate of the append benchmark. */
public sealed interface CartEvent {

  /** The event every save appends, once or several times. */
  record ItemAdded(String sku, int quantity, BigDecimal price) implements CartEvent {}
}
