package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.CountingPageListener;
import dev.es.it.store.Account.AccountState;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.SnapshotTrigger;
import dev.es.runtime.StoredSnapshot;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the generated {@code Account_SnapshotSerializer}, every 100 events on this class's stores. Each loaded
 * state is compared with the state the test's deposits make, computed without the store.
 */
@CassandraTest
class SnapshotTest {

  private static final CountingPageListener EVENT_ROWS = new CountingPageListener("events");
  private static final ExecutorService SNAPSHOT_THREAD = Executors.newSingleThreadExecutor();
  private static final SnapshotTrigger EVERY_100 = new SnapshotTrigger(100, 0);
  private static CassandraEventStore store;
  private static AccountRepository snapshotting;

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace, options -> options.pageListener(EVENT_ROWS).snapshotsKept(2));
    snapshotting = new AccountRepository(store);
    snapshotting.setSnapshotTrigger(EVERY_100);
  }

  @AfterAll
  static void stopExecutor() {
    SNAPSHOT_THREAD.shutdown();
  }

  /** An account with {@code events} events, saved in chunks of at most 100: opened, then deposits of 2, 3, … */
  private static UUID accountWith(AccountRepository repository, int events) {
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

  /** The state {@link #accountWith} gives an account at {@code version}. */
  private static AccountState stateAt(UUID id, long version) {
    BigDecimal balance = BigDecimal.ZERO;
    for (long deposit = 2; deposit <= version; deposit++) {
      balance = balance.add(BigDecimal.valueOf(deposit));
    }
    return new AccountState(id, version, "ann", balance, (int) version - 1, List.of());
  }

  @Test
  void loadingReadsTheNewestSnapshotAndOnlyTheEventsAfterIt() {
    UUID id = accountWith(snapshotting, 250);
    assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version))
        .containsExactly(200L, 100L);

    EVENT_ROWS.reset();
    Account loaded = snapshotting.load(id);

    // the 50 after the snapshot, and the snapshot's own version: it tells a stream at that version from an archived
    // one without another read (StreamEvents)
    assertThat(EVENT_ROWS.rows()).isEqualTo(50 + 1);
    assertThat(loaded.state()).isEqualTo(stateAt(id, 250));
  }

  @Test
  void loadingAnOlderVersionUsesTheSnapshotAtOrBelowIt() {
    UUID id = accountWith(snapshotting, 250);
    EVENT_ROWS.reset();
    Account at150 = snapshotting.loadAtVersion(id, 150);
    assertThat(EVENT_ROWS.rows()).as("the snapshot's version and the 50 after it").isEqualTo(50 + 1);
    assertThat(at150.state()).isEqualTo(stateAt(id, 150));
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
    store.saveSnapshot(
        new StoredSnapshot(id, "Account", 100, Account_SnapshotSerializer.FINGERPRINT, "{\"owner\": ", Instant.now()));

    EVENT_ROWS.reset();
    Account loaded = snapshotting.load(id);

    assertThat(EVENT_ROWS.rows()).isEqualTo(130);
    assertThat(loaded.state()).isEqualTo(stateAt(id, 130));
  }

  @Test
  void aSnapshotWithAnotherFingerprintIsIgnoredAndTheStateEqualsAFullReplay() {
    UUID id = accountWith(snapshotting, 130);
    // the snapshot at 100, as a class of another shape would have written it: a payload that reads, another fingerprint
    StoredSnapshot written = store.snapshotsAtOrBelow(id, 100).findFirst().orElseThrow();
    assertThat(written.fingerprint()).isEqualTo(Account_SnapshotSerializer.FINGERPRINT);
    store.saveSnapshot(new StoredSnapshot(id, "Account", 100, "Account:another-shape", written.state(), Instant.now()));

    EVENT_ROWS.reset();
    Account loaded = snapshotting.load(id);

    assertThat(EVENT_ROWS.rows()).isEqualTo(130);
    assertThat(loaded.state()).isEqualTo(stateAt(id, 130));
  }

  @Test
  void snapshotsCanBeWrittenOffTheSavingThread(CqlSession session, TestKeyspace keyspace) {
    CassandraEventStore asyncStore = Stores.create(session, keyspace, options -> options.snapshotExecutor(SNAPSHOT_THREAD));
    AccountRepository repository = new AccountRepository(asyncStore);
    repository.setSnapshotTrigger(EVERY_100);
    UUID id = accountWith(repository, 100);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(store.snapshotsAtOrBelow(id, Long.MAX_VALUE).map(StoredSnapshot::version)).containsExactly(100L));
  }
}
