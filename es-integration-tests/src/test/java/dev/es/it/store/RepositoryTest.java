package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.RecordAggregateRepository;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.Versioned;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CassandraTest
class RepositoryTest {

  private static final SettableClock CLOCK = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private static CassandraEventStore store;
  private static AggregateRootRepository<Account, AccountEvent> accounts;
  private static RecordAggregateRepository<Counter, Counter.Event> counters;

  @BeforeAll
  static void createRepositories(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace, options -> options.clock(CLOCK).conflictRetries(50));
    accounts = new AccountRepository(store);
    counters = new CounterRepository(store);
  }

  @Test
  void savesAndLoadsAnAggregate() {
    UUID id = UUID.randomUUID();
    Account account = Account.open(id, "ann");
    account.deposit(new BigDecimal("10.50"));
    assertThat(account.uncommittedEvents()).hasSize(2);
    assertThat(accounts.exists(id)).isFalse();

    accounts.save(account);

    assertThat(account.version()).isEqualTo(2);
    assertThat(account.uncommittedEvents()).isEmpty();
    Account loaded = accounts.load(id);
    assertThat(loaded.state()).isEqualTo(account.state());
    assertThat(loaded.uncommittedEvents()).isEmpty();
    assertThat(accounts.exists(id)).isTrue();
    assertThat(accounts.findById(UUID.randomUUID())).isEmpty();
    assertThat(accounts.history(id).map(EventEnvelope::payload).toList()).containsExactly(
        new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 2)),
        new AccountEvent.Deposited(new BigDecimal("10.50"), "EUR"));
  }

  @Test
  void loadingAMissingAggregateNamesTypeAndId() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> accounts.load(id)).isInstanceOf(AggregateNotFoundException.class)
        .hasMessageContaining("Account").hasMessageContaining(id.toString());
  }

  @Test
  void savingAStaleCopyIsAConflict() {
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "ann"));
    Account first = accounts.load(id);
    Account second = accounts.load(id);
    first.deposit(BigDecimal.ONE);
    second.deposit(BigDecimal.TEN);
    accounts.save(first);

    assertThatThrownBy(() -> accounts.save(second)).isInstanceOf(ConcurrencyConflictException.class);
    assertThat(accounts.load(id).balance).isEqualByComparingTo("1");
  }

  @Test
  void concurrentUpdatesRetryOnConflictUntilAllAreApplied() throws Exception {
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "ann"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> updates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      updates.add(pool.submit(() -> accounts.update(id, account -> account.deposit(BigDecimal.ONE))));
    }
    for (Future<?> update : updates) {
      update.get();
    }
    pool.shutdown();

    Account account = accounts.load(id);
    assertThat(account.balance).isEqualByComparingTo("40");
    assertThat(account.version()).isEqualTo(41);
  }

  @Test
  void loadsAtAVersionAndAsOfAnInstant() {
    UUID id = UUID.randomUUID();
    Instant first = Instant.parse("2030-05-01T12:00:00Z");
    CLOCK.set(first);
    Account account = Account.open(id, "ann");
    account.deposit(BigDecimal.ONE);
    accounts.save(account);
    CLOCK.set(first.plusSeconds(60));
    accounts.update(id, a -> a.deposit(BigDecimal.TEN));

    Account betweenTheTwo = accounts.loadAsOf(id, first.plusSeconds(30));
    Account afterTheFirst = accounts.loadAtVersion(id, 2);
    assertThat(betweenTheTwo.state()).isEqualTo(afterTheFirst.state());
    assertThat(betweenTheTwo.balance).isEqualByComparingTo("1");
    assertThat(accounts.loadAsOf(id, first.plusSeconds(60)).balance).isEqualByComparingTo("11");
    assertThatThrownBy(() -> accounts.loadAsOf(id, first.minusMillis(1)))
        .isInstanceOf(AggregateNotFoundException.class);
    assertThatThrownBy(() -> accounts.loadAtVersion(id, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 3");
  }

  @Test
  void recordAggregatesAreCreatedAppendedAndExecutedWithSnapshots() {
    UUID id = UUID.randomUUID();
    Counter created = counters.create(id, c -> List.of(new Counter.Named("visits"), new Counter.Incremented(1)));
    assertThat(created).isEqualTo(new Counter(id, "visits", 1));

    Versioned<Counter> appended = counters.append(id, 2, List.of(new Counter.Incremented(5)));
    assertThat(appended).isEqualTo(new Versioned<>(new Counter(id, "visits", 6), 3));
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version)).containsExactly(3L);

    Counter executed = counters.execute(id, c -> c.value() < 10 ? List.of(new Counter.Incremented(10)) : List.of());
    Counter unchanged = counters.execute(id, c -> c.value() < 10 ? List.of(new Counter.Incremented(10)) : List.of());
    assertThat(executed.value()).isEqualTo(16);
    assertThat(unchanged).isEqualTo(executed);
    assertThat(counters.loadVersioned(id)).isEqualTo(new Versioned<>(new Counter(id, "visits", 16), 4));
    assertThat(counters.loadAtVersion(id, 2).value()).isEqualTo(1);
    assertThatThrownBy(() -> counters.append(id, 2, List.of(new Counter.Incremented(1))))
        .isInstanceOf(ConcurrencyConflictException.class);
    assertThatThrownBy(() -> counters.create(id, c -> List.of(new Counter.Named("again"))))
        .isInstanceOf(ConcurrencyConflictException.class);
    assertThatThrownBy(() -> counters.append(id, 9, List.of(new Counter.Incremented(1))))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(4));
  }
}
