package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.CountingPageListener;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.StoredSnapshot;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CassandraTest
class SnapshotTest {

  private static final CountingPageListener EVENT_ROWS = new CountingPageListener("events");
  private static final ExecutorService SNAPSHOT_THREAD = Executors.newSingleThreadExecutor();
  private static CassandraEventStore store;
  private static AggregateRootRepository<Account, AccountEvent> snapshotting;
  private static AggregateRootRepository<Account, AccountEvent> replayOnly;

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace, options -> options.pageListener(EVENT_ROWS).snapshotsKept(2));
    snapshotting = new AggregateRootRepository<>(store, new AccountType(100, AccountType.FINGERPRINT));
    replayOnly = new AggregateRootRepository<>(store, new AccountType());
  }

  @AfterAll
  static void stopExecutor() {
    SNAPSHOT_THREAD.shutdown();
  }

  /** An account with {@code events} events, saved in chunks of at most 100. */
  private static UUID accountWith(AggregateRootRepository<Account, AccountEvent> repository, int events) {
    UUID id = UUID.randomUUID();
    Account account = Account.open(id, "ann");
    for (int version = 2; version <= events; version++) {
      account.deposit(BigDecimal.valueOf(version));
      if (version % 100 == 0 || version == events) {
        repository.save(account);
      }
    }
    return id;
  }

  @Test
  void loadingReadsTheNewestSnapshotAndOnlyTheEventsAfterIt() {
    UUID id = accountWith(snapshotting, 250);
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version))
        .containsExactly(200L, 100L);

    EVENT_ROWS.reset();
    Account loaded = snapshotting.load(id);

    assertThat(EVENT_ROWS.rows()).isEqualTo(50);
    assertThat(loaded.state()).isEqualTo(replayOnly.load(id).state());
    assertThat(loaded.version()).isEqualTo(250);
  }

  @Test
  void loadingAnOlderVersionUsesTheSnapshotAtOrBelowIt() {
    UUID id = accountWith(snapshotting, 250);
    EVENT_ROWS.reset();
    Account at150 = snapshotting.loadAtVersion(id, 150);
    assertThat(EVENT_ROWS.rows()).isEqualTo(50);
    assertThat(at150.state()).isEqualTo(replayOnly.loadAtVersion(id, 150).state());
  }

  @Test
  void onlyTheNewestSnapshotsAreKept() {
    UUID id = accountWith(snapshotting, 300);
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version))
        .containsExactly(300L, 200L);
  }

  @Test
  void aCorruptSnapshotIsIgnoredAndTheStateEqualsAFullReplay() {
    UUID id = accountWith(snapshotting, 130);
    store.saveSnapshot(new StoredSnapshot(id, "Account", 100, AccountType.FINGERPRINT, "{\"owner\": ", Instant.now()));

    EVENT_ROWS.reset();
    Account loaded = snapshotting.load(id);

    assertThat(EVENT_ROWS.rows()).isEqualTo(130);
    assertThat(loaded.state()).isEqualTo(replayOnly.load(id).state());
  }

  @Test
  void aSnapshotWithAnotherFingerprintIsIgnoredAndTheStateEqualsAFullReplay() {
    UUID id = accountWith(snapshotting, 130);
    var changedShape = new AggregateRootRepository<>(store, new AccountType(100, "account-v2"));

    EVENT_ROWS.reset();
    Account loaded = changedShape.load(id);

    assertThat(EVENT_ROWS.rows()).isEqualTo(130);
    assertThat(loaded.state()).isEqualTo(replayOnly.load(id).state());
  }

  @Test
  void snapshotsCanBeWrittenOffTheSavingThread(CqlSession session, TestKeyspace keyspace) {
    CassandraEventStore asyncStore = Stores.create(session, keyspace, options -> options.snapshotExecutor(SNAPSHOT_THREAD));
    var repository = new AggregateRootRepository<>(asyncStore, new AccountType(100, AccountType.FINGERPRINT));
    UUID id = accountWith(repository, 100);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version)).containsExactly(100L));
  }
}
