package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventPage;
import dev.es.runtime.EventQuery;
import dev.es.runtime.ExpectedVersion;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events by aggregate type and by event type across aggregates, with and without a time window: paged past
 * 10,000 events with page tokens, in the documented order (aggregate id token, then version), and in time order
 * for a window.
 */
@CassandraTest
class CrossAggregateReadTest {

  private static final Instant T0 = Instant.parse("2032-05-01T10:00:00Z");
  private static final int COUNTERS = 201;
  private static final int EVENTS_PER_COUNTER = 50;

  private static CqlSession session;
  private static TestKeyspace keyspace;
  private static CassandraEventStore store;
  /** Counter ids in the order they were appended: counter i at T0 + i seconds. */
  private static final List<UUID> COUNTER_IDS = new ArrayList<>();

  @BeforeAll
  static void appendManyEvents(CqlSession cqlSession, TestKeyspace testKeyspace) {
    session = cqlSession;
    keyspace = testKeyspace;
    SettableClock clock = new SettableClock(T0);
    store = Stores.create(session, keyspace, options -> options.clock(clock));
    for (int i = 0; i < COUNTERS; i++) {
      clock.set(T0.plusSeconds(i));
      UUID counter = UUID.randomUUID();
      COUNTER_IDS.add(counter);
      List<Object> events = new ArrayList<>();
      for (int e = 0; e < EVENTS_PER_COUNTER; e++) {
        events.add(new Counter.Incremented(e));
      }
      store.append("Counter", counter, ExpectedVersion.noStream(), events);
      // an account appended at the same instant: another aggregate type, other event types
      store.append("Account", UUID.randomUUID(), ExpectedVersion.noStream(),
          List.of(new AccountEvent.Opened("owner " + i, LocalDate.of(2032, 5, 1))));
    }
  }

  @Test
  void allEventsOfATypeWithoutAWindowArePagedPast10000InTokenThenVersionOrder() {
    List<EventEnvelope<Object>> read = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      EventPage page = store.readPage(EventQuery.eventType("Incremented"), 1_000, token);
      assertThat(page.events()).hasSizeLessThanOrEqualTo(1_000);
      read.addAll(page.events());
      token = page.next().orElse(null);
      pages++;
    } while (token != null);

    assertThat(read).hasSize(COUNTERS * EVENTS_PER_COUNTER).hasSizeGreaterThan(10_000);
    assertThat(pages).isGreaterThanOrEqualTo(11);
    assertThat(read).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    assertThat(read).allSatisfy(event -> assertThat(event.eventType()).isEqualTo("Incremented"));
    assertTokenThenVersionOrder(read);

    // the lazy read gives the same events in the same order
    assertThat(store.read(EventQuery.eventType("Incremented")).map(EventEnvelope::eventId).toList())
        .isEqualTo(read.stream().map(EventEnvelope::eventId).toList());
    // by aggregate type without a window: the same counters' events; the accounts are another type
    assertThat(store.read(EventQuery.aggregateType("Counter")).count()).isEqualTo(COUNTERS * EVENTS_PER_COUNTER);
    assertThat(store.read(EventQuery.aggregateType("Account")).count()).isEqualTo(COUNTERS);
  }

  @Test
  void allEventsOfAnAggregateTypeBetweenTwoInstantsPagedAndInTimeOrder() {
    EventQuery window = EventQuery.aggregateType("Counter").between(T0.plusSeconds(50), T0.plusSeconds(60));
    List<EventEnvelope<Object>> read = new ArrayList<>();
    String token = null;
    do {
      EventPage page = store.readPage(window, 120, token);
      read.addAll(page.events());
      token = page.next().orElse(null);
    } while (token != null);

    assertThat(read).hasSize(10 * EVENTS_PER_COUNTER);
    assertThat(read).extracting(EventEnvelope::aggregateId).containsOnlyElementsOf(COUNTER_IDS.subList(50, 60));
    assertThat(read).allSatisfy(event -> assertThat(event.aggregateType()).isEqualTo("Counter"));
    assertTokenThenVersionOrder(read);

    List<EventEnvelope<Object>> timeOrdered = store.readInTimeOrder(window, Duration.ofSeconds(3)).toList();
    assertThat(timeOrdered).extracting(EventEnvelope::eventId)
        .containsExactlyInAnyOrderElementsOf(read.stream().map(EventEnvelope::eventId).toList());
    assertThat(timeOrdered.stream().map(EventEnvelope::aggregateId).distinct().toList()).isEqualTo(COUNTER_IDS.subList(50, 60));
    for (int i = 1; i < timeOrdered.size(); i++) {
      EventEnvelope<Object> before = timeOrdered.get(i - 1);
      EventEnvelope<Object> after = timeOrdered.get(i);
      assertThat(after.timestamp()).isAfterOrEqualTo(before.timestamp());
      if (after.aggregateId().equals(before.aggregateId())) {
        assertThat(after.version()).isEqualTo(before.version() + 1);
      }
    }

    // by event type in a window: the accounts opened in it
    assertThat(store.read(EventQuery.eventType("AccountOpened").between(T0.plusSeconds(50), T0.plusSeconds(60)))
        .count()).isEqualTo(10);
  }

  @Test
  void aPageTokenOfAnotherQueryOrAWindowlessTimeOrderIsRefused() {
    EventPage first = store.readPage(EventQuery.eventType("Incremented"), 10, null);
    String token = first.next().orElseThrow();
    assertThatThrownBy(() -> store.readPage(EventQuery.aggregateType("Account"), 10, token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to another query");
    assertThatThrownBy(() -> store.readInTimeOrder(EventQuery.aggregateType("Counter"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time order needs a window");
    assertThatThrownBy(() -> EventQuery.aggregateType("Counter").between(T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aggregate type Counter is empty");
  }

  /** Each aggregate's events form one run in version order 1..n, and the runs come in the token order of their ids. */
  private static void assertTokenThenVersionOrder(List<EventEnvelope<Object>> events) {
    Set<UUID> finished = new HashSet<>();
    List<UUID> runs = new ArrayList<>();
    UUID current = null;
    long version = 0;
    for (EventEnvelope<Object> event : events) {
      if (!event.aggregateId().equals(current)) {
        assertThat(finished.add(event.aggregateId())).as("aggregate %s comes back after its run ended",
            event.aggregateId()).isTrue();
        current = event.aggregateId();
        runs.add(current);
        version = event.version() - 1;
      }
      assertThat(event.version()).isEqualTo(version + 1);
      version = event.version();
    }
    List<Long> tokens = new ArrayList<>();
    for (UUID id : runs) {
      tokens.add(session.execute("SELECT token(aggregate_id) FROM " + keyspace.name()
          + ".events WHERE aggregate_id = ? LIMIT 1", id).one().getLong(0));
    }
    assertThat(tokens).isSorted();
  }
}
