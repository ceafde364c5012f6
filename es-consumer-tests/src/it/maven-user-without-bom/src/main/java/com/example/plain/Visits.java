package com.example.plain;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.UUID;

/** A record aggregate counting the visits of a page; its one event is {@link Visited}. */
@EventSourced(events = Visited.class)
public record Visits(UUID id, long count) {

  public Visits(UUID id) {
    this(id, 0);
  }

  @Apply Visits on(Visited e) {
    return new Visits(id, count + 1);
  }
}
