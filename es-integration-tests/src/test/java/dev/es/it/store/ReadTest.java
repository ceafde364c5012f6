package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.it.support.CountingPageListener;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CassandraTest
class ReadTest {

  private static final int PAGE_SIZE = 100;
  private static final int LONG_STREAM = 10_000;
  private static final CountingPageListener EVENT_PAGES = new CountingPageListener("events");
  private static final SettableClock CLOCK = new SettableClock(Instant.parse("2031-03-01T10:00:00Z"));
  private static CassandraEventStore store;
  private static UUID longStream;

  @BeforeAll
  static void appendALongStream(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace,
        options -> options.pageSize(PAGE_SIZE).pageListener(EVENT_PAGES).clock(CLOCK));
    longStream = UUID.randomUUID();
    store.append("Account", longStream, ExpectedVersion.noStream(),
        List.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))));
    for (long version = 1; version < LONG_STREAM; version += PAGE_SIZE) {
      List<AccountEvent> events = new ArrayList<>();
      for (long v = version + 1; v <= Math.min(LONG_STREAM, version + PAGE_SIZE); v++) {
        events.add(new AccountEvent.Deposited(BigDecimal.ONE, "EUR"));
      }
      store.append("Account", longStream, ExpectedVersion.exactly(version), events);
    }
  }

  @Test
  void aLongStreamLoadsOnePageAtATime() {
    EVENT_PAGES.reset();
    Account account = new AccountRepository(store).load(longStream);

    assertThat(account.version()).isEqualTo(LONG_STREAM);
    assertThat(account.balance).isEqualByComparingTo(BigDecimal.valueOf(LONG_STREAM - 1));
    assertThat(EVENT_PAGES.rows()).isEqualTo(LONG_STREAM);
    assertThat(EVENT_PAGES.pages()).hasSizeGreaterThanOrEqualTo(LONG_STREAM / PAGE_SIZE)
        .allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(PAGE_SIZE));
  }

  @Test
  void streamsAreLazyAndFetchTheNextPageOnlyWhenNeeded() {
    EVENT_PAGES.reset();
    Iterator<EventEnvelope<Object>> events = store.readStream(longStream).iterator();
    assertThat(EVENT_PAGES.pages()).isEmpty();

    for (int i = 0; i < PAGE_SIZE; i++) {
      events.next();
    }
    assertThat(EVENT_PAGES.pages()).containsExactly(PAGE_SIZE);
    events.next();
    assertThat(EVENT_PAGES.pages()).containsExactly(PAGE_SIZE, PAGE_SIZE);
  }

  @Test
  void readsAVersionRangeFromAndUpTo() {
    assertThat(store.readStream(longStream, 9_990).map(EventEnvelope::version).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(9_990, LONG_STREAM).boxed().toList());
    assertThat(store.readStream(longStream, 5, 7).map(EventEnvelope::version).toList()).containsExactly(5L, 6L, 7L);
    assertThat(store.readStream(UUID.randomUUID()).toList()).isEmpty();
  }

  @Test
  void readsUpToAnInstantAndByTypeAndTimeRangeThroughTheIndexes() {
    Instant t0 = Instant.parse("2031-06-01T00:00:00Z");
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    CLOCK.set(t0);
    store.append("Account", a, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("a", LocalDate.MIN)));
    CLOCK.set(t0.plusSeconds(10));
    store.append("Account", b, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("b", LocalDate.MIN)));
    CLOCK.set(t0.plusSeconds(20));
    store.append("Account", a, ExpectedVersion.exactly(1), List.of(new AccountEvent.Withdrawn(BigDecimal.ONE)));
    CLOCK.set(t0.plusSeconds(30));
    store.append("Account", b, ExpectedVersion.exactly(1), List.of(new AccountEvent.Withdrawn(BigDecimal.TEN)));

    assertThat(store.readStreamAsOf(a, 1, t0.plusSeconds(19)).map(EventEnvelope::version).toList())
        .containsExactly(1L);
    assertThat(store.readStreamAsOf(a, 1, t0.plusSeconds(20)).map(EventEnvelope::version).toList())
        .containsExactly(1L, 2L);
    assertThat(store.readByType("Withdrawn", t0, t0.plus(Duration.ofMinutes(1))).map(EventEnvelope::payload))
        .containsExactlyInAnyOrder(new AccountEvent.Withdrawn(BigDecimal.ONE), new AccountEvent.Withdrawn(BigDecimal.TEN));
    assertThat(store.readByType("AccountOpened", t0.plusSeconds(5), t0.plusSeconds(30)).map(EventEnvelope::aggregateId))
        .containsExactly(b);
    assertThat(store.readBetween(t0.plusSeconds(10), t0.plusSeconds(30)).map(EventEnvelope::timestamp))
        .containsExactlyInAnyOrder(t0.plusSeconds(10), t0.plusSeconds(20));
  }
}
