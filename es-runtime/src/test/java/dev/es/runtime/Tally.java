package dev.es.runtime;

import java.util.UUID;

/** A test aggregate whose type is found through ServiceLoader, as generated types are. */
public class Tally extends AggregateRoot<Tally.Added> {

  public record Added(int amount) {}

  int total;

  public Tally(UUID id) {
    super(id);
  }

  public void add(int amount) {
    raise(new Added(amount));
  }
}
