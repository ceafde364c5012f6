package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads of {@link EventQuery events by aggregate type or event type} through the SAI indexes on
 * {@code aggregate_type}, {@code event_type} and {@code ts}. Cassandra answers such a query token range by
 * token range, so the order is the token of the aggregate id, then the version: stable, so a page token resumes
 * exactly where the page ended. Time order is given window slice by window slice, each slice sorted in memory.
 */
final class CrossAggregateReads {

  private static final Comparator<EventEnvelope<Object>> TIME_ORDER =
      Comparator.<EventEnvelope<Object>, Instant>comparing(EventEnvelope::timestamp)
          .thenComparing(EventEnvelope::aggregateId)
          .thenComparingLong(EventEnvelope::version);

  private final CqlSession session;
  private final EventStoreOptions options;
  private final Function<Row, EventEnvelope<Object>> decode;
  private final PreparedStatement byAggregateType;
  private final PreparedStatement byAggregateTypeBetween;
  private final PreparedStatement byEventType;
  private final PreparedStatement byEventTypeBetween;

  CrossAggregateReads(CqlSession session, EventSchema schema, EventStoreOptions options,
      Function<Row, EventEnvelope<Object>> decode) {
    this.session = session;
    this.options = options;
    this.decode = decode;
    String select = "SELECT " + EventSchema.EVENT_COLUMNS + " FROM " + schema.events() + " WHERE ";
    byAggregateType = session.prepare(select + "aggregate_type = ?");
    byAggregateTypeBetween = session.prepare(select + "aggregate_type = ? AND ts >= ? AND ts < ?");
    byEventType = session.prepare(select + "event_type = ?");
    byEventTypeBetween = session.prepare(select + "event_type = ? AND ts >= ? AND ts < ?");
  }

  EventPage page(EventQuery query, int pageSize, String pageToken) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
    }
    BoundStatement statement = bind(query).setPageSize(pageSize);
    if (pageToken != null) {
      PagingState state;
      try {
        state = PagingState.fromString(pageToken);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("page token '" + pageToken + "' was not made by this query", e);
      }
      if (!state.matches(statement)) {
        throw new IllegalArgumentException("page token '" + pageToken + "' belongs to another query than " + query);
      }
      statement = statement.setPagingState(state);
    }
    AsyncResultSet page = PagedRows.await(session.executeAsync(statement));
    options.pageListener().pageRead(options.eventsTable(), page.remaining());
    List<EventEnvelope<Object>> events = new ArrayList<>(page.remaining());
    for (Row row : page.currentPage()) {
      events.add(decode.apply(row));
    }
    Optional<String> next = page.hasMorePages()
        ? Optional.of(page.getExecutionInfo().getSafePagingState().toString())
        : Optional.empty();
    return new EventPage(events, next);
  }

  Stream<EventEnvelope<Object>> all(EventQuery query) {
    BoundStatement statement = bind(query).setPageSize(options.pageSize());
    return PagedRows.stream(() -> session.executeAsync(statement), options.eventsTable(), options.pageListener())
        .map(decode);
  }

  Stream<EventEnvelope<Object>> inTimeOrder(EventQuery query, Duration slice) {
    if (!query.windowed()) {
      throw new IllegalArgumentException("time order needs a window: " + query
          + " has none (use between(from, to), or read(query) in token order)");
    }
    if (slice.toMillis() < 1) {
      throw new IllegalArgumentException("the slice of a time-ordered read must be at least 1 ms, was " + slice);
    }
    Instant from = query.from().orElseThrow();
    Instant to = query.to().orElseThrow();
    return Stream.iterate(from, start -> start.isBefore(to), start -> start.plus(slice))
        .flatMap(start -> {
          Instant end = start.plus(slice).isBefore(to) ? start.plus(slice) : to;
          List<EventEnvelope<Object>> events = new ArrayList<>(all(query.between(start, end)).toList());
          events.sort(TIME_ORDER);
          return events.stream();
        });
  }

  private BoundStatement bind(EventQuery query) {
    boolean byAggregate = query.by() == EventQuery.By.AGGREGATE_TYPE;
    BoundStatement statement = query.windowed()
        ? (byAggregate ? byAggregateTypeBetween : byEventTypeBetween)
            .bind(query.name(), query.from().orElseThrow(), query.to().orElseThrow())
        : (byAggregate ? byAggregateType : byEventType).bind(query.name());
    return statement.setConsistencyLevel(options.readConsistency());
  }
}
