package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.AppendMode;
import dev.es.runtime.AppendOutcomeUnknownException;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AppendMode#SINGLE_WRITER}: appends without lightweight transactions, what they keep of the conditional
 * mode's promises, and exactly what is lost when the one-writer-per-aggregate assumption is broken (see
 * docs/event-store.md, "Single-writer appends").
 */
@CassandraTest
class SingleWriterAppendTest {

  private static CassandraEventStore store;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  SingleWriterAppendTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createTables(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace, options -> options.appendMode(AppendMode.SINGLE_WRITER));
  }

  private CassandraEventStore singleWriterOver(CqlSession wrapped) {
    return new CassandraEventStore(wrapped, EventStoreOptions.builder().keyspace(keyspace.name())
        .appendMode(AppendMode.SINGLE_WRITER).build(), EventRegistry.of(new Account_AggregateType()));
  }

  private static NewEvent deposit(int amount) {
    return NewEvent.of(new AccountEvent.Deposited(BigDecimal.valueOf(amount), "EUR"));
  }

  private List<UUID> storedIds(UUID aggregateId) {
    return store.readStream(aggregateId).map(EventEnvelope::eventId).toList();
  }

  @Test
  void appendsAreGaplessAtomicBatchesWithoutAnyLightweightTransaction() {
    List<Statement<?>> executed = Collections.synchronizedList(new ArrayList<>());
    CassandraEventStore recorded = singleWriterOver(RecordingSession.wrap(session, executed));
    UUID id = UUID.randomUUID();
    List<NewEvent> first = List.of(NewEvent.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))),
        deposit(1));
    List<NewEvent> second = List.of(deposit(2), deposit(3), deposit(4));

    recorded.appendEvents("Account", id, ExpectedVersion.noStream(), first);
    recorded.appendEvents("Account", id, ExpectedVersion.exactly(2), second);
    AppendResult third = recorded.appendEvents("Account", id, ExpectedVersion.any(), List.of(deposit(5)));

    assertThat(third.previousVersion()).isEqualTo(5);
    assertThat(third.currentVersion()).isEqualTo(6);
    assertThat(store.readStream(id).map(EventEnvelope::version).toList()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    List<UUID> expectedIds = new ArrayList<>();
    first.forEach(e -> expectedIds.add(e.eventId()));
    second.forEach(e -> expectedIds.add(e.eventId()));
    expectedIds.add(third.events().get(0).eventId());
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
    assertThat(store.currentVersion(id)).isEqualTo(6);

    List<BatchStatement> batches = executed.stream().filter(BatchStatement.class::isInstance)
        .map(BatchStatement.class::cast).toList();
    assertThat(batches).as("one batch per append").hasSize(3);
    assertThat(batches).allSatisfy(batch -> {
      assertThat(batch.getBatchType()).isEqualTo(DefaultBatchType.UNLOGGED);
      assertThat(batch.getConsistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    });
    assertThat(executed).as("statements sent").noneMatch(SingleWriterAppendTest::isConditional);
  }

  private static boolean isConditional(Statement<?> statement) {
    if (statement instanceof BatchStatement batch) {
      for (BatchableStatement<?> inner : batch) {
        if (isConditional(inner)) {
          return true;
        }
      }
      return false;
    }
    String query = statement instanceof BoundStatement bound ? bound.getPreparedStatement().getQuery()
        : statement.toString();
    return query.matches("(?is).*\\bIF\\b.*");
  }

  @Test
  void repositoriesSaveLoadAndUpdateAsInTheConditionalMode() {
    AggregateRootRepository<Account, AccountEvent> accounts = new AccountRepository(store);
    UUID id = UUID.randomUUID();
    Account account = Account.open(id, "ann");
    account.deposit(new BigDecimal("10.50"));
    accounts.save(account);

    accounts.update(id, a -> a.withdraw(new BigDecimal("0.50")));

    Account loaded = accounts.load(id);
    assertThat(loaded.version()).isEqualTo(3);
    assertThat(loaded.state().balance()).isEqualByComparingTo("10.00");
  }

  @Test
  void aTimedOutAppendIsSentAgainAndStoredOnceWhetherOrNotTheFirstAttemptArrived() {
    for (TimingOutSession.Mode mode : TimingOutSession.Mode.values()) {
      AtomicInteger batches = new AtomicInteger();
      CassandraEventStore flaky = singleWriterOver(
          TimingOutSession.wrap(session, mode, 2, writeTimeout(), batches));
      UUID id = UUID.randomUUID();
      List<NewEvent> events = List.of(NewEvent.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))),
          deposit(1));

      AppendResult result = flaky.appendEvents("Account", id, ExpectedVersion.noStream(), events);

      assertThat(result.currentVersion()).as(mode.name()).isEqualTo(2);
      assertThat(batches.get()).as("%s: two timed out, the third arrived", mode).isEqualTo(3);
      assertThat(storedIds(id)).as(mode.name()).containsExactly(events.get(0).eventId(), events.get(1).eventId());
    }
  }

  @Test
  void anAppendThatKeepsTimingOutIsReportedAsUnknownAndARetryWithTheSameEventsStoresItOnce() {
    CassandraEventStore flaky = singleWriterOver(
        TimingOutSession.wrap(session, TimingOutSession.Mode.AFTER_APPLYING, 4, writeTimeout(), new AtomicInteger()));
    UUID id = UUID.randomUUID();
    List<NewEvent> events = List.of(NewEvent.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))));

    assertThatThrownBy(() -> flaky.appendEvents("Account", id, ExpectedVersion.noStream(), events))
        .isInstanceOf(AppendOutcomeUnknownException.class)
        .hasMessageContaining(id.toString())
        .hasCauseInstanceOf(WriteTimeoutException.class);
    flaky.appendEvents("Account", id, ExpectedVersion.noStream(), events);

    assertThat(storedIds(id)).containsExactly(events.get(0).eventId());
  }

  private static WriteTimeoutException writeTimeout() {
    return new WriteTimeoutException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 1, 2,
        DefaultWriteType.UNLOGGED_BATCH);
  }

  /**
   * What is lost when two writers do append to one aggregate: no conflict is reported to either, the later
   * write replaces the earlier one's events at the versions both wrote, and a writer that appends behind the
   * stream's end replaces events there and moves the stream's head back.
   */
  @Test
  void whenTheSingleWriterAssumptionIsBrokenTheLaterWriteSilentlyReplacesTheEarlierOne() {
    UUID id = UUID.randomUUID();
    NewEvent byFirstWriter = NewEvent.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1)));
    NewEvent bySecondWriter = NewEvent.of(new AccountEvent.Opened("bob", LocalDate.of(2026, 1, 1)));

    AppendResult first = store.appendEvents("Account", id, ExpectedVersion.noStream(), List.of(byFirstWriter));
    AppendResult second = store.appendEvents("Account", id, ExpectedVersion.noStream(), List.of(bySecondWriter));

    assertThat(first.currentVersion()).isEqualTo(1);
    assertThat(second.currentVersion()).as("no conflict reported").isEqualTo(1);
    assertThat(storedIds(id)).as("the first writer's acknowledged event is gone")
        .containsExactly(bySecondWriter.eventId());

    List<NewEvent> more = List.of(deposit(1), deposit(2), deposit(3));
    store.appendEvents("Account", id, ExpectedVersion.exactly(1), more);
    NewEvent stale = deposit(99);
    store.appendEvents("Account", id, ExpectedVersion.exactly(1), List.of(stale));

    assertThat(storedIds(id)).as("version 2 replaced, versions 3 and 4 left as they were")
        .containsExactly(bySecondWriter.eventId(), stale.eventId(), more.get(1).eventId(), more.get(2).eventId());
    assertThat(store.currentVersion(id)).as("the head moved back to the stale writer's version").isEqualTo(2);
  }
}
