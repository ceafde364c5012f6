package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.es.runtime.AppendMode;
import dev.es.runtime.AppendNotWrittenException;
import dev.es.runtime.AppendOutcomeUnknownException;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An append refused with {@code UnavailableException}. A conditional batch can be refused so after a quorum
 * accepted its proposal (Paxos v1 checks the live replicas for the commit only then; any later SERIAL read
 * completes the round), so it is settled like a timeout. A plain single-writer batch is refused before any replica
 * is written: nothing is stored, and the store says so, unless an earlier attempt of the same append is in doubt.
 */
@CassandraTest
class UnavailableAppendTest {

  private static CassandraEventStore plain;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  UnavailableAppendTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createTables(CqlSession session, TestKeyspace keyspace) {
    plain = Stores.create(session, keyspace);
  }

  /** As the commit phase of a Paxos v1 round reports it: at the write consistency, after the proposal was accepted. */
  private static UnavailableException commitUnavailable() {
    return new UnavailableException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 2, 1);
  }

  /** As a coordinator reports too few live replicas before it writes or proposes anything. */
  private static UnavailableException unavailable(DefaultConsistencyLevel level) {
    return new UnavailableException(null, level, 2, 1);
  }

  private static NewEvent deposit(int amount) {
    return NewEvent.of(new AccountEvent.Deposited(BigDecimal.valueOf(amount), "EUR"));
  }

  /** A new stream holding one event; its id joins {@code ids}. */
  private static UUID openedAccount(List<UUID> ids) {
    UUID id = UUID.randomUUID();
    AppendResult opened = plain.append("Account", id, ExpectedVersion.noStream(),
        List.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))));
    ids.add(opened.events().get(0).eventId());
    return id;
  }

  private static List<UUID> storedIds(UUID aggregateId) {
    return plain.readStream(aggregateId).map(EventEnvelope::eventId).toList();
  }

  @Test
  void aConditionalAppendRefusedAsUnavailableAfterCassandraAppliedItIsStoredOnceWithoutResending() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    AtomicInteger batches = new AtomicInteger();
    CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.AFTER_APPLYING, 1,
        commitUnavailable(), batches), keyspace, AppendMode.CONDITIONAL);
    NewEvent deposit = deposit(1);
    expectedIds.add(deposit.eventId());

    AppendResult result = store.appendEvents("Account", id, ExpectedVersion.exactly(1), List.of(deposit));

    assertThat(result.currentVersion()).isEqualTo(2);
    assertThat(batches).as("settled by the read-back, not resent").hasValue(1);
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
  }

  @Test
  void aConditionalAppendRefusedAsUnavailableBeforeItsProposalIsSentAgainAtTheSameVersionAndStoredOnce() {
    for (ExpectedVersion expected : List.of(ExpectedVersion.exactly(1), ExpectedVersion.any())) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      AtomicInteger batches = new AtomicInteger();
      CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 1,
          unavailable(DefaultConsistencyLevel.LOCAL_SERIAL), batches), keyspace, AppendMode.CONDITIONAL);
      List<NewEvent> deposits = List.of(deposit(1), deposit(2));
      deposits.forEach(d -> expectedIds.add(d.eventId()));

      AppendResult result = store.appendEvents("Account", id, expected, deposits);

      assertThat(result.currentVersion()).as("%s", expected).isEqualTo(3);
      assertThat(batches).as("%s: the refused attempt and one resend", expected).hasValue(2);
      assertThat(storedIds(id)).as("%s", expected).containsExactlyElementsOf(expectedIds);
    }
  }

  @Test
  void aConditionalAppendStillUnavailableIsUnknownAndItsAttemptLandingLaterIsStoredOnceByARetryAtItsVersion() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    LateLandingSession late = new LateLandingSession(session, 4, commitUnavailable(),
        LateLandingSession.ONLY_WHEN_TOLD);
    List<NewEvent> deposits = List.of(deposit(1));
    deposits.forEach(d -> expectedIds.add(d.eventId()));

    Throwable thrown = catchThrowable(() -> Stores.over(late.session(), keyspace, AppendMode.CONDITIONAL)
        .appendEvents("Account", id, ExpectedVersion.any(), deposits));
    late.landHeld();

    assertThat(thrown).isInstanceOf(AppendOutcomeUnknownException.class)
        .hasMessageContaining("Account " + id).hasMessageContaining("versions 2..2")
        .hasCauseInstanceOf(UnavailableException.class);
    assertThat(storedIds(id)).as("the accepted proposals completed after the store gave up")
        .containsExactlyElementsOf(expectedIds);
    Stores.over(session, keyspace, AppendMode.CONDITIONAL).appendEvents("Account", id,
        ExpectedVersion.exactly(((AppendOutcomeUnknownException) thrown).attemptedVersion()), deposits);
    assertThat(storedIds(id)).as("after the caller's retry").containsExactlyElementsOf(expectedIds);
  }

  @Test
  void aSingleWriterAppendRefusedAsUnavailableIsNotWrittenNamingTypeIdAndVersionsAndIsNotResent() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    AtomicInteger batches = new AtomicInteger();
    CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 1,
        unavailable(DefaultConsistencyLevel.LOCAL_QUORUM), batches), keyspace, AppendMode.SINGLE_WRITER);

    Throwable thrown = catchThrowable(() -> store.appendEvents("Account", id, ExpectedVersion.exactly(1),
        List.of(deposit(1), deposit(2))));

    assertThat(thrown).isInstanceOfSatisfying(AppendNotWrittenException.class, e -> {
      assertThat(e.aggregateType()).isEqualTo("Account");
      assertThat(e.aggregateId()).isEqualTo(id);
      assertThat(e.attemptedVersion()).isEqualTo(1);
    }).hasMessageContaining("Account " + id).hasMessageContaining("versions 2..3")
        .hasMessageContaining("nothing was written").hasMessageContaining("LOCAL_QUORUM")
        .hasCauseInstanceOf(UnavailableException.class);
    assertThat(batches).hasValue(1);
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
  }

  @Test
  void aSingleWriterResendRefusedAsUnavailableAfterAnAttemptInDoubtIsUnknownNeverNotWritten() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    AtomicInteger batches = new AtomicInteger();
    CqlSession unavailableAfterTheFirst = TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 3,
        unavailable(DefaultConsistencyLevel.LOCAL_QUORUM), new AtomicInteger());
    CassandraEventStore store = Stores.over(TimingOutSession.wrap(unavailableAfterTheFirst,
        TimingOutSession.Mode.BEFORE_SENDING, 1, new DriverTimeoutException("Query timed out after PT2S"), batches),
        keyspace, AppendMode.SINGLE_WRITER);

    Throwable thrown = catchThrowable(() -> store.appendEvents("Account", id, ExpectedVersion.exactly(1),
        List.of(deposit(1))));

    assertThat(thrown).isInstanceOf(AppendOutcomeUnknownException.class)
        .hasMessageContaining("Account " + id).hasMessageContaining("versions 2..2")
        .hasCauseInstanceOf(DriverTimeoutException.class);
    assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(UnavailableException.class);
    assertThat(batches).as("the attempt in doubt and three resends").hasValue(4);
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
  }

  @Test
  void aSingleWriterAppendUnavailableAfterTheDriverTriedAnotherCoordinatorThatTimedOutIsUnknown() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    UnavailableException afterRetry = unavailable(DefaultConsistencyLevel.LOCAL_QUORUM);
    afterRetry.setExecutionInfo(executionInfoWithEarlierError(new WriteTimeoutException(null,
        DefaultConsistencyLevel.LOCAL_QUORUM, 0, 2, DefaultWriteType.UNLOGGED_BATCH)));
    CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 4,
        afterRetry, new AtomicInteger()), keyspace, AppendMode.SINGLE_WRITER);

    Throwable thrown = catchThrowable(() -> store.appendEvents("Account", id, ExpectedVersion.exactly(1),
        List.of(deposit(1))));

    assertThat(thrown).isInstanceOf(AppendOutcomeUnknownException.class).hasCause(afterRetry);
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
  }

  /** What the driver reports when its retry policy sent the request to a second coordinator after {@code error}. */
  private static ExecutionInfo executionInfoWithEarlierError(RuntimeException error) {
    List<Map.Entry<Node, Throwable>> errors = List.of(new AbstractMap.SimpleEntry<>(null, error));
    return (ExecutionInfo) Proxy.newProxyInstance(ExecutionInfo.class.getClassLoader(),
        new Class<?>[] {ExecutionInfo.class}, (proxy, method, args) -> {
          if (method.getName().equals("getErrors")) {
            return errors;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
