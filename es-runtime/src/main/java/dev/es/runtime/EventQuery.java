package dev.es.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events to read across aggregates: those of one aggregate type or of one event type, optionally only those
 * appended in a time window {@code [from, to)}. Read with {@link CassandraEventStore#readPage},
 * {@link CassandraEventStore#read(EventQuery)} or, with a window, {@link CassandraEventStore#readInTimeOrder}.
 *
 * @param by whether {@code name} is an aggregate type or an event type
 * @param name the aggregate type or event type name
 * @param from the window's start (inclusive), empty for no window
 * @param to the window's end (exclusive), empty for no window
 */
public record EventQuery(By by, String name, Optional<Instant> from, Optional<Instant> to) {

  /** What {@link #name()} names. */
  public enum By {
    AGGREGATE_TYPE,
    EVENT_TYPE
  }

  public EventQuery {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an event query needs a " + describe(by) + " name, was '" + name + "'");
    }
    if (from.isPresent() != to.isPresent()) {
      throw new IllegalArgumentException("a time window needs both ends, was from " + from + " to " + to);
    }
    if (from.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("the window of the query for " + describe(by) + " " + name
          + " is empty: from " + from.get() + " is not before to " + to.get());
    }
  }

  /** Every event of the aggregate type, whenever appended. */
  public static EventQuery aggregateType(String aggregateType) {
    return new EventQuery(By.AGGREGATE_TYPE, aggregateType, Optional.empty(), Optional.empty());
  }

  /** Every event of the event type (stored type name), whenever appended. */
  public static EventQuery eventType(String eventType) {
    return new EventQuery(By.EVENT_TYPE, eventType, Optional.empty(), Optional.empty());
  }

  /** The same query, restricted to events appended in {@code [from, to)} (their {@code ts}). */
  public EventQuery between(Instant from, Instant to) {
    return new EventQuery(by, name, Optional.of(from), Optional.of(to));
  }

  boolean windowed() {
    return from.isPresent();
  }

  private static String describe(By by) {
    return by == By.AGGREGATE_TYPE ? "aggregate type" : "event type";
  }
}
