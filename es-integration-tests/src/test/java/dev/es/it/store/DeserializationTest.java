package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stored rows the code cannot read: the failure names the aggregate, version and event type; nothing is skipped. */
@CassandraTest
class DeserializationTest {

  private static CassandraEventStore store;
  private static AggregateRootRepository<Account, AccountEvent> accounts;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  DeserializationTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace);
    accounts = new AccountRepository(store);
  }

  /** Writes a row at version 2 the way an older (or broken) writer would have. */
  private UUID streamWithSecondRow(String eventType, int revision, String payload) {
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("ann", LocalDate.MIN)));
    session.execute(session.prepare("INSERT INTO " + keyspace.name() + ".events (aggregate_id, version, event_id,"
        + " aggregate_type, event_type, event_revision, ts, metadata, payload) VALUES (?, 2, ?, 'Account', ?, ?, ?, ?, ?)")
        .bind(id, UUID.randomUUID(), eventType, revision, Instant.now(), Map.of(), payload));
    session.execute("UPDATE " + keyspace.name() + ".events SET head = 2 WHERE aggregate_id = " + id);
    return id;
  }

  @Test
  void anUnknownEventTypeRaisesUnknownEventTypeExceptionWithItsContext() {
    UUID id = streamWithSecondRow("AccountFrozen", 1, "{}");

    assertThatThrownBy(() -> accounts.load(id))
        .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(id);
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.eventType()).isEqualTo("AccountFrozen");
          assertThat(e).hasMessageContaining(id.toString()).hasMessageContaining("version 2")
              .hasMessageContaining("AccountFrozen");
        });
  }

  @Test
  void anUnknownRevisionOfAKnownTypeIsAnUnknownType() {
    UUID id = streamWithSecondRow("Deposited", 3, "{\"amount\": 1, \"currency\": \"EUR\"}");
    assertThatThrownBy(() -> store.readStream(id).toList())
        .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> assertThat(e.revision()).isEqualTo(3));
  }

  @Test
  void aCorruptPayloadRaisesEventDeserializationExceptionWithItsContext() {
    UUID id = streamWithSecondRow("Withdrawn", 1, "{\"amount\": ");

    assertThatThrownBy(() -> accounts.load(id))
        .isInstanceOfSatisfying(EventDeserializationException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(id);
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.eventType()).isEqualTo("Withdrawn");
          assertThat(e).hasMessageContaining(id.toString()).hasMessageContaining("version 2")
              .hasMessageContaining("Withdrawn");
        });
  }

  @Test
  void aPayloadOfTheWrongShapeRaisesEventDeserializationException() {
    UUID id = streamWithSecondRow("Withdrawn", 1, "{\"amount\": \"a lot\"}");
    assertThatThrownBy(() -> store.readStream(id).toList()).isInstanceOf(EventDeserializationException.class);
  }

  @Test
  void anOldRevisionIsUpcastToTheNewestBeforeTheAggregateSeesIt() {
    UUID id = streamWithSecondRow("Deposited", 1, "{\"cents\": 1250}");

    EventEnvelope<Object> upcast = store.readStream(id, 2).findFirst().orElseThrow();
    assertThat(upcast.payload()).isEqualTo(new AccountEvent.Deposited(new BigDecimal("12.50"), "EUR"));
    assertThat(upcast.revision()).isEqualTo(2);
    assertThat(accounts.load(id).balance).isEqualByComparingTo("12.50");
  }
}
