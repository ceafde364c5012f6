package dev.es.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.it.support.SettableClock;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.PageListener;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.Versioned;
import dev.es.runtime.internal.AggregateTypes;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repositories, dispatchers and snapshot serializers that the real es-processor generated for
 * {@link Wallet} (a mutable {@code AggregateRoot}) and {@link Budget} (an immutable record), run against Cassandra.
 * Nothing here is hand-written glue: {@code WalletRepository}, {@code BudgetRepository} and the
 * {@code *_AggregateType} classes come from this module's test compilation.
 */
@CassandraTest
class GeneratedRepositoryTest {

  private static final Instant START = Instant.parse("2031-03-01T09:00:00Z");
  private static final SettableClock CLOCK = new SettableClock(START);
  private static final AtomicLong EVENT_ROWS = new AtomicLong();
  private static final PageListener COUNT_EVENT_ROWS = (table, rows) -> {
    if (table.equals("events")) {
      EVENT_ROWS.addAndGet(rows);
    }
  };
  private static final ExecutorService THREADS = Executors.newFixedThreadPool(2);

  private static CqlSession session;
  private static TestKeyspace keyspace;
  private static CassandraEventStore store;
  private static WalletRepository wallets;
  private static BudgetRepository budgets;

  @BeforeAll
  static void createRepositories(CqlSession cqlSession, TestKeyspace testKeyspace) {
    session = cqlSession;
    keyspace = testKeyspace;
    store = new CassandraEventStore(session, options().build());
    store.initialize();
    wallets = new WalletRepository(store);
    budgets = new BudgetRepository(store);
  }

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(START);
  }

  private static EventStoreOptions.Builder options() {
    return EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false)
        .pageListener(COUNT_EVENT_ROWS).clock(CLOCK).conflictRetries(10);
  }

  @Test
  void theRuntimeFindsTheGeneratedTypesThroughTheGeneratedServicesFile() {
    assertThat(AggregateTypes.of(Wallet.class)).isInstanceOf(Wallet_AggregateType.class);
    assertThat(AggregateTypes.of(Budget.class)).isInstanceOf(Budget_AggregateType.class);
    assertThat(new Wallet_AggregateType().eventTypes()).extracting(EventType::name, EventType::revision)
        .contains(org.assertj.core.groups.Tuple.tuple("MoneyDeposited", 1),
            org.assertj.core.groups.Tuple.tuple("MoneyDeposited", 2));
  }

  // ------------------------------------------------------------------ save and load

  @Test
  void savesAndLoadsAMutableAggregate() {
    UUID id = UUID.randomUUID();
    Wallet wallet = Wallet.open(id, "ann");
    wallet.deposit("10.50");
    wallet.withdraw("0.50");
    assertThat(wallets.exists(id)).isFalse();

    wallets.save(wallet);

    assertThat(wallet.version()).isEqualTo(3);
    assertThat(wallet.uncommittedEvents()).isEmpty();
    Wallet loaded = wallets.load(id);
    assertThat(loaded.state()).isEqualTo(new Wallet.State(id, 3, "ann", "10", 2));
    assertThat(loaded.uncommittedEvents()).isEmpty();
    assertThat(wallets.exists(id)).isTrue();
    assertThat(wallets.findById(UUID.randomUUID())).isEmpty();
    assertThat(wallets.history(id).map(EventEnvelope::payload).toList()).containsExactly(
        new WalletOpened("ann"), new MoneyDeposited(new BigDecimal("10.50"), "EUR"),
        new MoneyWithdrawn(new BigDecimal("0.50")));
    assertThatThrownBy(() -> wallets.load(UUID.randomUUID())).isInstanceOf(AggregateNotFoundException.class)
        .hasMessageContaining("Wallet");

    loaded.deposit("5");
    wallets.save(loaded);
    assertThat(wallets.load(id).state()).isEqualTo(new Wallet.State(id, 4, "ann", "15", 3));
  }

  @Test
  void createsAppendsAndLoadsARecordAggregate() {
    UUID id = UUID.randomUUID();
    Budget created = budgets.create(id, b -> List.of(new BudgetEvent.Created("travel", 100)));
    assertThat(created).isEqualTo(new Budget(id, "travel", 100, 0, 0));

    Versioned<Budget> appended = budgets.append(id, 1, List.of(new BudgetEvent.ExpenseBooked("train", 30)));
    Budget executed = budgets.execute(id, budget -> budget.book("hotel", 60));

    assertThat(appended).isEqualTo(new Versioned<>(new Budget(id, "travel", 100, 30, 1), 2));
    assertThat(executed).isEqualTo(new Budget(id, "travel", 100, 90, 2));
    assertThat(budgets.loadVersioned(id)).isEqualTo(new Versioned<>(executed, 3));
    assertThat(budgets.history(id).map(EventEnvelope::eventType).toList())
        .containsExactly("BudgetCreated", "ExpenseBooked", "ExpenseBooked");
    assertThatThrownBy(() -> budgets.execute(id, budget -> budget.book("taxi", 20)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("only 10 left");
    assertThatThrownBy(() -> budgets.create(id, b -> List.of(new BudgetEvent.Created("again", 1))))
        .isInstanceOf(ConcurrencyConflictException.class);
  }

  // ------------------------------------------------------------------ forced conflicts

  /**
   * Two updates of one wallet at the same time: the first loads, then waits inside its change until the second
   * has saved. Its save is then a conflict, and {@code update} loads again and re-runs the change: both deposits
   * are stored, the first change ran twice, the second once.
   */
  @Test
  void concurrentUpdatesOfAMutableAggregateConflictAndTheLoserRetries() throws Exception {
    UUID id = UUID.randomUUID();
    wallets.save(Wallet.open(id, "ann"));
    CountDownLatch firstLoaded = new CountDownLatch(1);
    CountDownLatch secondSaved = new CountDownLatch(1);
    AtomicInteger firstRuns = new AtomicInteger();
    AtomicInteger secondRuns = new AtomicInteger();
    List<Long> versionsSeenByFirst = new java.util.concurrent.CopyOnWriteArrayList<>();

    Future<Wallet> first = THREADS.submit(() -> wallets.update(id, wallet -> {
      versionsSeenByFirst.add(wallet.version());
      if (firstRuns.incrementAndGet() == 1) {
        firstLoaded.countDown();
        await(secondSaved);
      }
      wallet.deposit("1");
    }));
    await(firstLoaded);
    Wallet second = wallets.update(id, wallet -> {
      secondRuns.incrementAndGet();
      wallet.deposit("10");
    });
    secondSaved.countDown();
    Wallet firstResult = first.get(30, TimeUnit.SECONDS);

    assertThat(second.version()).isEqualTo(2);
    assertThat(secondRuns).hasValue(1);
    assertThat(firstRuns).hasValue(2);
    assertThat(versionsSeenByFirst).containsExactly(1L, 2L);
    assertThat(firstResult.version()).isEqualTo(3);
    assertThat(wallets.load(id).state()).isEqualTo(new Wallet.State(id, 3, "ann", "11", 2));
  }

  @Test
  void concurrentExecutionsOnARecordAggregateConflictAndTheLoserRetries() throws Exception {
    UUID id = UUID.randomUUID();
    budgets.create(id, b -> List.of(new BudgetEvent.Created("food", 100)));
    CountDownLatch firstLoaded = new CountDownLatch(1);
    CountDownLatch secondSaved = new CountDownLatch(1);
    List<Long> spentSeenByFirst = new java.util.concurrent.CopyOnWriteArrayList<>();

    Future<Budget> first = THREADS.submit(() -> budgets.execute(id, budget -> {
      spentSeenByFirst.add(budget.spent());
      if (spentSeenByFirst.size() == 1) {
        firstLoaded.countDown();
        await(secondSaved);
      }
      return budget.book("bread", 5);
    }));
    await(firstLoaded);
    Budget second = budgets.execute(id, budget -> budget.book("cheese", 20));
    secondSaved.countDown();
    Budget firstResult = first.get(30, TimeUnit.SECONDS);

    assertThat(second.spent()).isEqualTo(20);
    assertThat(spentSeenByFirst).containsExactly(0L, 20L);
    assertThat(firstResult).isEqualTo(new Budget(id, "food", 100, 25, 2));
    assertThat(budgets.loadVersioned(id)).isEqualTo(new Versioned<>(firstResult, 3));
  }

  @Test
  void savingAStaleCopyIsAConflictAndWritesNothing() {
    UUID id = UUID.randomUUID();
    wallets.save(Wallet.open(id, "ann"));
    Wallet one = wallets.load(id);
    Wallet other = wallets.load(id);
    one.deposit("1");
    other.deposit("2");
    wallets.save(one);

    assertThatThrownBy(() -> wallets.save(other)).isInstanceOf(ConcurrencyConflictException.class);
    assertThat(wallets.load(id).state().balance()).isEqualTo("1");
  }

  // ------------------------------------------------------------------ snapshots

  @Test
  void aSnapshotKeepsEveryDigitOfABigDecimal() {
    UUID id = UUID.randomUUID();
    Wallet wallet = Wallet.open(id, "bo");
    wallet.deposit("12345678901234567890.123456789");
    wallets.save(wallet);
    assertThat(wallets.snapshot(id)).isEqualTo(2);

    EVENT_ROWS.set(0);
    Wallet loaded = wallets.load(id);

    assertThat(EVENT_ROWS.get()).as("event rows read: the snapshot's own version only").isEqualTo(1);
    assertThat(loaded.state().balance()).isEqualTo("12345678901234567890.123456789");
  }

  @Test
  void afterASnapshotLoadingReadsOnlyTheEventsAfterIt() {
    UUID id = UUID.randomUUID();
    Wallet wallet = Wallet.open(id, "ann");
    for (int version = 2; version <= 25; version++) {
      wallet.deposit(version + ".25");
      if (version % 5 == 0 || version == 25) {
        wallets.save(wallet);
      }
    }
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version))
        .containsExactly(20L, 10L);
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).findFirst().orElseThrow().fingerprint())
        .isEqualTo(new Wallet_SnapshotSerializer().fingerprint());

    EVENT_ROWS.set(0);
    Wallet loaded = wallets.load(id);
    long rowsWithSnapshot = EVENT_ROWS.getAndSet(0);
    Wallet replayed = wallets.loadAsOf(id, Instant.MAX); // as-of loads never use snapshots
    long rowsOfFullReplay = EVENT_ROWS.get();

    // and the row at the snapshot's version, which tells a stream at that version from an archived one
    assertThat(rowsWithSnapshot).isEqualTo(5 + 1);
    assertThat(rowsOfFullReplay).isEqualTo(25);
    assertThat(loaded.state()).isEqualTo(replayed.state()).isEqualTo(wallet.state());
    assertThat(loaded.state().movements()).isEqualTo(24);

    EVENT_ROWS.set(0);
    Wallet at15 = wallets.loadAtVersion(id, 15);
    assertThat(EVENT_ROWS.get()).isEqualTo(5 + 1);
    assertThat(at15.version()).isEqualTo(15);
    assertThat(at15.state().movements()).isEqualTo(14);
  }

  @Test
  void aRecordAggregateIsSnapshottedAndLoadedFromTheSnapshot() {
    UUID id = UUID.randomUUID();
    budgets.create(id, b -> List.of(new BudgetEvent.Created("books", 1000)));
    for (int i = 1; i <= 6; i++) {
      int n = i;
      budgets.execute(id, budget -> budget.book("book " + n, 10));
    }
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version)).containsExactly(5L);

    EVENT_ROWS.set(0);
    Versioned<Budget> loaded = budgets.loadVersioned(id);

    assertThat(EVENT_ROWS.get()).as("the 2 after the snapshot and its own version").isEqualTo(2 + 1);
    assertThat(loaded).isEqualTo(new Versioned<>(new Budget(id, "books", 1000, 60, 6), 7));
    assertThat(loaded.state()).isEqualTo(budgets.loadAsOf(id, Instant.MAX));
  }

  // ------------------------------------------------------------------ temporal queries

  @Test
  void loadsAsOfAnInstantBothStyles() {
    UUID walletId = UUID.randomUUID();
    UUID budgetId = UUID.randomUUID();
    Wallet wallet = Wallet.open(walletId, "ann");
    wallet.deposit("1");
    wallets.save(wallet);
    budgets.create(budgetId, b -> List.of(new BudgetEvent.Created("rent", 500)));
    CLOCK.set(START.plusSeconds(60));
    wallets.update(walletId, w -> w.deposit("10"));
    budgets.execute(budgetId, b -> List.of(new BudgetEvent.LimitRaised(100)));

    Instant between = START.plusSeconds(30);
    assertThat(wallets.loadAsOf(walletId, between).state()).isEqualTo(wallets.loadAtVersion(walletId, 2).state())
        .isEqualTo(new Wallet.State(walletId, 2, "ann", "1", 1));
    assertThat(wallets.loadAsOf(walletId, START.plusSeconds(60)).state().balance()).isEqualTo("11");
    assertThat(budgets.loadAsOf(budgetId, between)).isEqualTo(new Budget(budgetId, "rent", 500, 0, 0));
    assertThat(budgets.loadAsOf(budgetId, START.plusSeconds(60))).isEqualTo(new Budget(budgetId, "rent", 600, 0, 0));
    assertThatThrownBy(() -> wallets.loadAsOf(walletId, START.minusMillis(1)))
        .isInstanceOf(AggregateNotFoundException.class);
    assertThatThrownBy(() -> budgets.loadAsOf(budgetId, START.minusMillis(1)))
        .isInstanceOf(AggregateNotFoundException.class);
  }

  // ------------------------------------------------------------------ upcasting

  /**
   * An application from before revision 2 existed ({@link MoneyDepositedV1} was then the current
   * {@code MoneyDeposited}) appends through the store API; the generated repository of today reads revision 1
   * through the generated {@code @Upcast} chain and only ever sees revision 2.
   */
  @Test
  void aRevision1EventStoredBeforeRevision2ExistedLoadsAsRevision2() {
    EventRegistry before = new EventRegistry()
        .register(EventType.current("WalletOpened", 1, WalletOpened.class))
        .register(EventType.current("MoneyDeposited", 1, MoneyDepositedV1.class));
    CassandraEventStore oldApplication = new CassandraEventStore(session, options().build(), before);
    oldApplication.initialize();
    UUID id = UUID.randomUUID();
    oldApplication.append("Wallet", id, ExpectedVersion.noStream(),
        List.of(new WalletOpened("old"), new MoneyDepositedV1(1250)));

    wallets.update(id, wallet -> wallet.deposit("0.75"));

    assertThat(storedRevisions(id)).containsExactly(1, 1, 2);
    assertThat(session.execute("SELECT payload FROM " + keyspace.name() + ".events WHERE aggregate_id = ? AND version = 2",
        id).one().getString("payload")).isEqualTo("{\"cents\":1250}");
    Wallet loaded = wallets.load(id);
    assertThat(loaded.state()).isEqualTo(new Wallet.State(id, 3, "old", "13.25", 2));
    assertThat(wallets.history(id).toList()).extracting(EventEnvelope::revision, EventEnvelope::payload)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, new WalletOpened("old")),
            org.assertj.core.groups.Tuple.tuple(2, new MoneyDeposited(new BigDecimal("12.50"), "EUR")),
            org.assertj.core.groups.Tuple.tuple(2, new MoneyDeposited(new BigDecimal("0.75"), "EUR")));
  }

  private static List<Integer> storedRevisions(UUID id) {
    return session.execute("SELECT event_revision FROM " + keyspace.name() + ".events WHERE aggregate_id = ?", id)
        .all().stream().map((Row row) -> row.getInt("event_revision")).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for the other update");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

}
