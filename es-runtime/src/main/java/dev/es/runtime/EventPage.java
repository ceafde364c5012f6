package dev.es.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One page of an {@link EventQuery}'s events, in the query's order (by the token of the aggregate id, then by
 * version: see {@link CassandraEventStore#readPage}).
 *
 * @param events the events of this page; may hold fewer than the page size even when more follow
 * @param next the token that reads the next page, empty on the last page; opaque text, safe to hand to a client
 */
public record EventPage(List<EventEnvelope<Object>> events, Optional<String> next) {

  public EventPage {
    events = List.copyOf(events);
  }
}
