package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appends whose outcome is unknown (a timeout, a lost connection, a write failure on the replicas) and whose
 * first attempt is applied late: after the store's read-back saw nothing, before or after its resend, or after
 * the store gave up. Whatever the expected version, the events are stored once, and an append the store could
 * not settle is reported as unknown, never as "not written".
 */
@CassandraTest
class LateLandingAppendTest {

  private static CassandraEventStore plain;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  LateLandingAppendTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createTables(CqlSession session, TestKeyspace keyspace) {
    plain = Stores.create(session, keyspace);
  }

  private static WriteTimeoutException casTimeout() {
    return new WriteTimeoutException(null, DefaultConsistencyLevel.LOCAL_SERIAL, 0, 1, DefaultWriteType.CAS);
  }

  private static WriteFailureException writeFailure() {
    return new WriteFailureException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 0, 1, DefaultWriteType.CAS, 1,
        Map.of());
  }

  private static NewEvent deposit(int amount) {
    return NewEvent.of(new AccountEvent.Deposited(BigDecimal.valueOf(amount), "EUR"));
  }

  /** A new stream holding one event; returns its id. */
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

  private static List<UUID> idsOf(List<NewEvent> events) {
    return events.stream().map(NewEvent::eventId).toList();
  }

  /** What the store sent, in order: "batch", "read" or "serial read". */
  private static List<String> requests(List<Statement<?>> sent) {
    return sent.stream().map(s -> s instanceof BatchStatement ? "batch"
        : s.getConsistencyLevel() != null && s.getConsistencyLevel().isSerial() ? "serial read" : "read").toList();
  }

  @Test
  void withoutFaultsAnAppendIsOneBatchAndWithAnyVersionOneReadOfTheHeadBeforeIt() {
    UUID id = openedAccount(new ArrayList<>());
    List<Statement<?>> sent = Collections.synchronizedList(new ArrayList<>());
    CassandraEventStore recorded = Stores.over(RecordingSession.wrap(session, sent), keyspace, AppendMode.CONDITIONAL);

    recorded.appendEvents("Account", id, ExpectedVersion.exactly(1), List.of(deposit(1)));
    assertThat(requests(sent)).as("exact version").containsExactly("batch");
    sent.clear();
    recorded.appendEvents("Account", id, ExpectedVersion.any(), List.of(deposit(2)));
    assertThat(requests(sent)).as("any()").containsExactly("read", "batch");
  }

  @Test
  void withAnyVersionAnAttemptLandingAfterTheReadBackIsStoredOnceNotAgainAtTheNewHead() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    LateLandingSession late = new LateLandingSession(session, 1, casTimeout(), 1);
    List<Statement<?>> sent = Collections.synchronizedList(new ArrayList<>());
    List<NewEvent> deposits = List.of(deposit(1), deposit(2));
    expectedIds.addAll(idsOf(deposits));

    AppendResult result = Stores.over(RecordingSession.wrap(late.session(), sent), keyspace, AppendMode.CONDITIONAL)
        .appendEvents("Account", id, ExpectedVersion.any(), deposits);

    assertThat(storedIds(id)).as("the stream after the late landing").containsExactlyElementsOf(expectedIds);
    assertThat(result.previousVersion()).isEqualTo(1);
    assertThat(result.currentVersion()).isEqualTo(3);
    assertThat(result.alreadyStored()).as("stored by the attempt in doubt, not by the resend").isTrue();
    assertThat(plain.currentVersion(id)).isEqualTo(3);
    assertThat(requests(sent)).as("the head, the attempt, its read-back, the resend and the read of its ids")
        .containsExactly("read", "batch", "serial read", "batch", "serial read");
  }

  @Test
  void withAnExactVersionAnAttemptLandingAfterTheReadBackIsStoredOnce() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    LateLandingSession late = new LateLandingSession(session, 1, casTimeout(), 1);
    List<NewEvent> deposits = List.of(deposit(1), deposit(2));
    expectedIds.addAll(idsOf(deposits));

    AppendResult result = Stores.over(late.session(), keyspace, AppendMode.CONDITIONAL)
        .appendEvents("Account", id, ExpectedVersion.exactly(1), deposits);

    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
    assertThat(result.currentVersion()).isEqualTo(3);
    assertThat(late.batches()).as("the held attempt and one resend").isEqualTo(2);
  }

  @Test
  void inSingleWriterModeAnAttemptLandingBeforeTheResendIsOverwrittenWithTheSameEvents() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    LateLandingSession late = new LateLandingSession(session, 1, casTimeout(), 0);
    List<NewEvent> deposits = List.of(deposit(1), deposit(2));
    expectedIds.addAll(idsOf(deposits));

    AppendResult result = Stores.over(late.session(), keyspace, AppendMode.SINGLE_WRITER)
        .appendEvents("Account", id, ExpectedVersion.any(), deposits);

    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
    assertThat(result.currentVersion()).isEqualTo(3);
  }

  @Test
  void anAppendStillInDoubtAfterEveryResendIsReportedUnknownAndARetryAtTheAttemptedVersionStoresItOnce() {
    record Case(AppendMode mode, ExpectedVersion expected) {}
    for (Case c : List.of(new Case(AppendMode.CONDITIONAL, ExpectedVersion.exactly(1)),
        new Case(AppendMode.CONDITIONAL, ExpectedVersion.any()), new Case(AppendMode.SINGLE_WRITER,
            ExpectedVersion.any()))) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      LateLandingSession late = new LateLandingSession(session, 4, casTimeout(), LateLandingSession.ONLY_WHEN_TOLD);
      List<NewEvent> deposits = List.of(deposit(1), deposit(2));
      expectedIds.addAll(idsOf(deposits));

      Throwable thrown = catchThrowable(() -> Stores.over(late.session(), keyspace, c.mode())
          .appendEvents("Account", id, c.expected(), deposits));
      late.landHeld();

      assertThat(thrown).as("%s", c).isInstanceOf(AppendOutcomeUnknownException.class)
          .hasMessageContaining("Account " + id).hasMessageContaining("versions 2..3")
          .hasCauseInstanceOf(WriteTimeoutException.class);
      assertThat(late.batches()).as("%s: the first attempt and three resends", c).isEqualTo(4);
      assertThat(storedIds(id)).as("%s: the held attempts landed after the store gave up", c)
          .containsExactlyElementsOf(expectedIds);
      long attempted = ((AppendOutcomeUnknownException) thrown).attemptedVersion();
      assertThat(attempted).as("%s", c).isEqualTo(1);
      Stores.over(session, keyspace, c.mode()).appendEvents("Account", id,
          ExpectedVersion.exactly(attempted), deposits);
      assertThat(storedIds(id)).as("%s: after the caller's retry", c).containsExactlyElementsOf(expectedIds);
    }
  }

  @Test
  void aWriteFailureIsSettledByTheReadBackLikeATimeout() {
    for (TimingOutSession.Mode mode : TimingOutSession.Mode.values()) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      AtomicInteger batches = new AtomicInteger();
      CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, mode, 1, writeFailure(), batches),
          keyspace, AppendMode.CONDITIONAL);
      List<NewEvent> deposits = List.of(deposit(1));
      expectedIds.addAll(idsOf(deposits));

      AppendResult result = store.appendEvents("Account", id, ExpectedVersion.exactly(1), deposits);

      assertThat(result.currentVersion()).as(mode.name()).isEqualTo(2);
      assertThat(batches).as("%s: resent only if it had not arrived", mode)
          .hasValue(mode == TimingOutSession.Mode.AFTER_APPLYING ? 1 : 2);
      assertThat(storedIds(id)).as(mode.name()).containsExactlyElementsOf(expectedIds);
    }
  }

  @Test
  void aWriteFailureThatPersistsIsReportedAsUnknownNamingTheAggregateItsTypeAndTheVersions() {
    for (AppendMode mode : AppendMode.values()) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 4,
          writeFailure(), new AtomicInteger()), keyspace, mode);

      Throwable thrown = catchThrowable(() -> store.append("Account", id, ExpectedVersion.exactly(1),
          List.of(new AccountEvent.Withdrawn(BigDecimal.ONE))));

      assertThat(thrown).as(mode.name()).isInstanceOf(AppendOutcomeUnknownException.class)
          .hasMessageContaining("Account " + id).hasMessageContaining("expected version 1")
          .hasMessageContaining("versions 2..2").hasCauseInstanceOf(WriteFailureException.class);
      assertThat(storedIds(id)).as(mode.name()).containsExactlyElementsOf(expectedIds);
    }
  }

  @Test
  void anAnyAppendWhoseVersionReadFailsIsReportedNotWrittenNotAsTheDriversException() {
    for (AppendMode mode : AppendMode.values()) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      // request 1: the read of the stream's version, on a connection that a killed node closed (the nemesis's long
      // run got this ClosedConnectionException raw from appendEvents six times)
      CassandraEventStore store = Stores.over(ScriptedSession.failing(session,
          Map.of(1, new ClosedConnectionException("Lost connection to remote peer"))), keyspace, mode);
      List<NewEvent> deposits = List.of(deposit(1));

      Throwable thrown = catchThrowable(() -> store.appendEvents("Account", id, ExpectedVersion.any(), deposits));

      assertThat(thrown).as(mode.name()).isInstanceOfSatisfying(AppendNotWrittenException.class,
              e -> assertThat(e.attemptedVersion()).isEqualTo(-1))
          .hasMessageContaining("Account " + id).hasMessageContaining("not sent")
          .hasCauseInstanceOf(ClosedConnectionException.class);
      assertThat(storedIds(id)).as(mode.name()).containsExactlyElementsOf(expectedIds);
      // nothing was written, so the same append again is simply the append
      assertThat(store.appendEvents("Account", id, ExpectedVersion.any(), deposits).currentVersion()).isEqualTo(2);
      expectedIds.addAll(idsOf(deposits));
      assertThat(storedIds(id)).as(mode.name()).containsExactlyElementsOf(expectedIds);
    }
  }

  @Test
  void aReadBackFailingOnAnOpenPaxosRoundIsRetriedNotThrownAsItIs() {
    List<UUID> expectedIds = new ArrayList<>();
    UUID id = openedAccount(expectedIds);
    // request 1: the batch times out without arriving; request 2: the SERIAL read-back, which had to finish an
    // open Paxos round, fails with CASWriteUnknownException (seen in the nemesis run); then the real session answers
    CassandraEventStore store = Stores.over(ScriptedSession.failing(session, Map.of(1, casTimeout(),
        2, new CASWriteUnknownException(null, DefaultConsistencyLevel.LOCAL_SERIAL, 0, 2))),
        keyspace, AppendMode.CONDITIONAL);
    List<NewEvent> deposits = List.of(deposit(1));
    expectedIds.addAll(idsOf(deposits));

    AppendResult result = store.appendEvents("Account", id, ExpectedVersion.exactly(1), deposits);

    assertThat(result.currentVersion()).isEqualTo(2);
    assertThat(storedIds(id)).containsExactlyElementsOf(expectedIds);
  }

  @Test
  void aResendThatReachesNoNodeAfterAnUnknownOutcomeIsReportedUnknownNotAsNotWritten() {
    for (AppendMode mode : AppendMode.values()) {
      List<UUID> expectedIds = new ArrayList<>();
      UUID id = openedAccount(expectedIds);
      LateLandingSession late = new LateLandingSession(session, 1, casTimeout(), LateLandingSession.ONLY_WHEN_TOLD);
      // the conditional store sends the batch, reads back, resends; the single-writer store reads the stream's head
      // and close mark, sends, resends
      int resend = 3;
      CassandraEventStore store = Stores.over(ScriptedSession.failing(late.session(),
          Map.of(resend, new NoNodeAvailableException())), keyspace, mode);
      List<NewEvent> deposits = List.of(deposit(1), deposit(2));
      expectedIds.addAll(idsOf(deposits));

      Throwable thrown = catchThrowable(() -> store.appendEvents("Account", id, ExpectedVersion.exactly(1), deposits));
      late.landHeld();

      // "no node" would tell the caller nothing was written (docs/guarantees.md), but the first attempt landed
      assertThat(thrown).as(mode.name()).isInstanceOf(AppendOutcomeUnknownException.class)
          .hasMessageContaining("versions 2..3").hasCauseInstanceOf(WriteTimeoutException.class);
      assertThat(thrown.getSuppressed()).as(mode.name()).singleElement().isInstanceOf(NoNodeAvailableException.class);
      assertThat(storedIds(id)).as(mode.name()).containsExactlyElementsOf(expectedIds);
    }
  }
}
