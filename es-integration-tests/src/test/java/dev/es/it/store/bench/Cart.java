package dev.es.it.store.bench;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/**
 * The aggregate the append benchmark saves through its generated {@code CartRepository}: one event type, an
 * {@code @Apply} method that only counts, no snapshots, so that the benchmark measures the repository's and the
 * store's work around the append rather than domain logic.
 */
@EventSourced
public class Cart extends AggregateRoot<CartEvent> {

  long quantity;

  Cart(UUID id) {
    super(id);
  }

  /** Raises {@code count} copies of {@code item}; the next save appends them. */
  void add(CartEvent.ItemAdded item, int count) {
    for (int i = 0; i < count; i++) {
      raise(item);
    }
  }

  @Apply
  void on(CartEvent.ItemAdded e) {
    quantity += e.quantity();
  }
}
