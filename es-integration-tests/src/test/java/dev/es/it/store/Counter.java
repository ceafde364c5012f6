package dev.es.it.store;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.UUID;

/** An immutable (record) aggregate compiled by the processor: its apply returns the next state. */
@EventSourced(snapshotEvery = 3)
public record Counter(UUID id, String name, long value) {

  Counter(UUID id) {
    this(id, null, 0);
  }

  public sealed interface Event permits Named, Incremented {}

  @dev.es.annotations.Event(name = "CounterNamed") // qualified: Event here is the counter's own interface
  public record Named(String name) implements Event {}

  public record Incremented(long by) implements Event {}

  @Apply
  Counter on(Named e) {
    return new Counter(id, e.name(), value);
  }

  @Apply
  Counter on(Incremented e) {
    return new Counter(id, name, value + e.by());
  }
}
