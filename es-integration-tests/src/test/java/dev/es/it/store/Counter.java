package dev.es.it.store;

import java.util.UUID;

/** A hand-written immutable (record) aggregate: its apply returns the next state. */
public record Counter(UUID id, String name, long value) {

  public sealed interface Event permits Named, Incremented {}

  public record Named(String name) implements Event {}

  public record Incremented(long by) implements Event {}

  Counter on(Named e) {
    return new Counter(id, e.name(), value);
  }

  Counter on(Incremented e) {
    return new Counter(id, name, value + e.by());
  }
}
