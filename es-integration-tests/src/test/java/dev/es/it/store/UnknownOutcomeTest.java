package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.es.runtime.AppendMode;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A write timeout leaves the outcome unknown; the store settles it by reading back at SERIAL consistency. */
@CassandraTest
class UnknownOutcomeTest {

  private static CassandraEventStore plain;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  UnknownOutcomeTest(CqlSession session, TestKeyspace keyspace) {
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

  private static List<NewEvent> openAndDeposit() {
    return List.of(NewEvent.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))),
        NewEvent.of(new AccountEvent.Deposited(BigDecimal.TEN, "EUR")));
  }

  @Test
  void aBatchAppliedButTimedOutIsReportedAsStoredOnceWithoutResending() {
    AtomicInteger batches = new AtomicInteger();
    CassandraEventStore store = Stores.over(
        TimingOutSession.wrap(session, TimingOutSession.Mode.AFTER_APPLYING, 1, casTimeout(), batches),
        keyspace, AppendMode.CONDITIONAL);
    UUID id = UUID.randomUUID();
    List<NewEvent> events = openAndDeposit();

    AppendResult result = store.appendEvents("Account", id, ExpectedVersion.noStream(), events);

    assertThat(result.currentVersion()).isEqualTo(2);
    assertThat(batches).hasValue(1);
    assertThat(plain.readStream(id).map(EventEnvelope::eventId).toList())
        .containsExactly(events.get(0).eventId(), events.get(1).eventId());
  }

  @Test
  void aBatchThatTimedOutBeforeArrivingIsSentAgainAndStoredOnce() {
    AtomicInteger batches = new AtomicInteger();
    CassandraEventStore store = Stores.over(TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 2,
        new DriverTimeoutException("Query timed out after PT2S"), batches), keyspace, AppendMode.CONDITIONAL);
    UUID id = UUID.randomUUID();
    plain.append("Account", id, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("ann", LocalDate.MIN)));

    AppendResult result = store.append("Account", id, ExpectedVersion.exactly(1),
        List.of(new AccountEvent.Withdrawn(BigDecimal.ONE)));

    assertThat(result.currentVersion()).isEqualTo(2);
    assertThat(batches).hasValue(3);
    assertThat(plain.readStream(id).toList()).hasSize(2);
  }

  @Test
  void aTimedOutBatchWhoseVersionAnotherWriterTookIsAConflict() {
    UUID id = UUID.randomUUID();
    plain.append("Account", id, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("ann", LocalDate.MIN)));
    AtomicInteger batches = new AtomicInteger();
    CassandraEventStore store = Stores.over(
        TimingOutSession.wrap(session, TimingOutSession.Mode.BEFORE_SENDING, 1, casTimeout(), batches),
        keyspace, AppendMode.CONDITIONAL);
    plain.append("Account", id, ExpectedVersion.exactly(1), List.of(new AccountEvent.Withdrawn(BigDecimal.TEN)));

    assertThatThrownBy(() -> store.append("Account", id, ExpectedVersion.exactly(1),
        List.of(new AccountEvent.Withdrawn(BigDecimal.ONE))))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(2));
    assertThat(plain.readStream(id).toList()).hasSize(2);
  }
}
