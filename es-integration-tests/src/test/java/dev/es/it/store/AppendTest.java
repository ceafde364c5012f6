package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.AfterAppendListenerException;
import dev.es.runtime.AppendResult;
import dev.es.runtime.BatchTooLargeException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CassandraTest
class AppendTest {

  private static CassandraEventStore store;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  AppendTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = Stores.create(session, keyspace);
  }

  private static AccountEvent.Deposited deposit(long euros) {
    return new AccountEvent.Deposited(BigDecimal.valueOf(euros), "EUR");
  }

  private static AccountEvent.Opened opened() {
    return new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 2));
  }

  @Test
  void appendsANewStreamThenExactVersionsAsOneGaplessStream() {
    UUID id = UUID.randomUUID();
    AppendResult first = store.append("Account", id, ExpectedVersion.noStream(), List.of(opened(), deposit(5)));
    AppendResult second = store.append("Account", id, ExpectedVersion.exactly(2), List.of(deposit(7)));

    assertThat(first.previousVersion()).isZero();
    assertThat(first.currentVersion()).isEqualTo(2);
    assertThat(second.currentVersion()).isEqualTo(3);
    List<EventEnvelope<Object>> stream = store.readStream(id).toList();
    assertThat(stream).extracting(EventEnvelope::version).containsExactly(1L, 2L, 3L);
    assertThat(stream).extracting(EventEnvelope::payload).containsExactly(opened(), deposit(5), deposit(7));
    assertThat(stream).extracting(EventEnvelope::eventType).containsExactly("AccountOpened", "Deposited", "Deposited");
    assertThat(stream).extracting(EventEnvelope::revision).containsExactly(1, 2, 2);
    assertThat(stream).extracting(EventEnvelope::aggregateType).containsOnly("Account");
    assertThat(stream).extracting(EventEnvelope::eventId)
        .containsExactlyElementsOf(concat(first, second).stream().map(EventEnvelope::eventId).toList());
    assertThat(store.currentVersion(id)).isEqualTo(3);
  }

  @Test
  void anyAppendsAfterWhateverIsThere() {
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.any(), List.of(opened()));
    AppendResult result = store.append("Account", id, ExpectedVersion.any(), List.of(deposit(1), deposit(2)));
    assertThat(result.previousVersion()).isEqualTo(1);
    assertThat(result.currentVersion()).isEqualTo(3);
  }

  @Test
  void aStaleExpectedVersionIsAConflictNamingAggregateExpectedAndActualAndWritesNothing() {
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(), List.of(opened(), deposit(1), deposit(2)));

    assertThatThrownBy(() -> store.append("Account", id, ExpectedVersion.exactly(1), List.of(deposit(9))))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(id);
          assertThat(e.expectedVersion()).isEqualTo("1");
          assertThat(e.actualVersion()).isEqualTo(3);
          assertThat(e).hasMessageContaining(id.toString()).hasMessageContaining("expected version 1")
              .hasMessageContaining("actual version 3");
        });
    assertThatThrownBy(() -> store.append("Account", id, ExpectedVersion.noStream(), List.of(opened())))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(3));
    assertThatThrownBy(() -> store.append("Account", UUID.randomUUID(), ExpectedVersion.exactly(4), List.of(deposit(1))))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(store.readStream(id).toList()).hasSize(3);
  }

  @Test
  void retryingWithTheSameEventIdsIsIdempotentButADifferentEventAtAnExistingVersionIsAConflict() {
    UUID id = UUID.randomUUID();
    List<NewEvent> creation = List.of(NewEvent.of(opened()), NewEvent.of(deposit(1)));
    List<NewEvent> next = List.of(NewEvent.of(deposit(2)));
    store.appendEvents("Account", id, ExpectedVersion.noStream(), creation);
    AppendResult stored = store.appendEvents("Account", id, ExpectedVersion.exactly(2), next);

    AppendResult creationAgain = store.appendEvents("Account", id, ExpectedVersion.noStream(), creation);
    AppendResult nextAgain = store.appendEvents("Account", id, ExpectedVersion.exactly(2), next);

    assertThat(creationAgain.alreadyStored()).isTrue();
    assertThat(creationAgain.currentVersion()).isEqualTo(2);
    assertThat(nextAgain.alreadyStored()).isTrue();
    assertThat(nextAgain.events()).isEqualTo(stored.events());
    assertThat(store.readStream(id).toList()).hasSize(3);

    List<NewEvent> sameVersionOtherEvent = List.of(NewEvent.of(deposit(2)));
    assertThatThrownBy(() -> store.appendEvents("Account", id, ExpectedVersion.exactly(2), sameVersionOtherEvent))
        .isInstanceOf(ConcurrencyConflictException.class);
    List<NewEvent> partlyOther = List.of(creation.get(0), NewEvent.of(deposit(1)));
    assertThatThrownBy(() -> store.appendEvents("Account", id, ExpectedVersion.noStream(), partlyOther))
        .isInstanceOf(ConcurrencyConflictException.class);
    assertThat(store.readStream(id).map(EventEnvelope::eventId).toList()).containsExactly(
        creation.get(0).eventId(), creation.get(1).eventId(), next.get(0).eventId());
  }

  @Test
  void eventsCarryUserAndMetadataAndAppendsWithinAContextCarryItsCorrelationAndCausation() {
    UUID id = UUID.randomUUID();
    UUID commandId = UUID.randomUUID();
    AppendResult command;
    try (var scope = MetadataContext.forCommand(commandId, "alice")) {
      command = store.append("Account", id, ExpectedVersion.noStream(), List.of(opened()));
    }
    EventEnvelope<Object> cause = store.readStream(id).findFirst().orElseThrow();
    try (var scope = MetadataContext.causedBy(cause)) {
      store.append("Account", id, ExpectedVersion.exactly(1), List.of(deposit(3)));
    }
    store.append("Account", id, ExpectedVersion.exactly(2), List.of(deposit(4)),
        EventMetadata.empty().withSource("billing").with("tenant", "t-1"));

    List<EventEnvelope<Object>> stream = store.readStream(id).toList();
    assertThat(stream.get(0)).isEqualTo(command.events().get(0));
    assertThat(stream.get(0).userId()).isEqualTo("alice");
    assertThat(stream.get(0).metadata().correlationId()).isEqualTo(commandId.toString());
    assertThat(stream.get(0).metadata().causationId()).isEqualTo(commandId.toString());
    assertThat(stream.get(1).userId()).isEqualTo("alice");
    assertThat(stream.get(1).metadata().correlationId()).isEqualTo(commandId.toString());
    assertThat(stream.get(1).metadata().causationId()).isEqualTo(cause.eventId().toString());
    assertThat(stream.get(2).userId()).isNull();
    assertThat(stream.get(2).metadata().source()).isEqualTo("billing");
    assertThat(stream.get(2).metadata().get("tenant")).contains("t-1");
    assertThat(stream.get(2).metadata().correlationId()).isNull();
  }

  @Test
  void anOversizedBatchIsRefusedUpFrontNamingSizeAndLimitAndNothingIsWritten() {
    UUID id = UUID.randomUUID();
    String big = "x".repeat(200 * 1024);
    List<AccountEvent.Tagged> events = List.of(
        new AccountEvent.Tagged(List.of(big)), new AccountEvent.Tagged(List.of(big)),
        new AccountEvent.Tagged(List.of(big)), new AccountEvent.Tagged(List.of(big)),
        new AccountEvent.Tagged(List.of(big)), new AccountEvent.Tagged(List.of(big)));

    assertThatThrownBy(() -> store.append("Account", id, ExpectedVersion.noStream(), events))
        .isInstanceOfSatisfying(BatchTooLargeException.class, e -> {
          assertThat(e.limitBytes()).isEqualTo(store.options().maxBatchBytes());
          assertThat(e.sizeBytes()).isGreaterThan(6 * 200 * 1024);
          assertThat(e).hasMessageContaining(id.toString()).hasMessageContaining(e.sizeBytes() + " bytes")
              .hasMessageContaining(e.limitBytes() + " bytes");
        });
    assertThat(store.exists(id)).isFalse();
  }

  @Test
  void aBatchJustBelowTheLimitIsStoredWhole() {
    UUID id = UUID.randomUUID();
    String tag = "y".repeat(100 * 1024);
    List<AccountEvent.Tagged> events = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      events.add(new AccountEvent.Tagged(List.of(tag)));
    }
    AppendResult result = store.append("Account", id, ExpectedVersion.noStream(), events);
    assertThat(result.currentVersion()).isEqualTo(9);
    assertThat(store.readStream(id).count()).isEqualTo(9);
  }

  @Test
  void aFailingListenerNeverUndoesTheAppendAndIsReportedWithTheResult() {
    CassandraEventStore withListener = Stores.create(session, keyspace);
    List<AppendResult> seen = new ArrayList<>();
    withListener.addAfterAppendListener(seen::add);
    withListener.addAfterAppendListener(result -> {
      throw new IllegalStateException("projection down");
    });
    UUID id = UUID.randomUUID();

    assertThatThrownBy(() -> withListener.append("Account", id, ExpectedVersion.noStream(), List.of(opened())))
        .isInstanceOfSatisfying(AfterAppendListenerException.class, e -> {
          assertThat(e.result().currentVersion()).isEqualTo(1);
          assertThat(e).hasRootCauseMessage("projection down");
        });
    assertThat(seen).hasSize(1);
    assertThat(withListener.readStream(id).toList()).isEqualTo(seen.get(0).events());
  }

  @Test
  void theAppendIsOneRowPerEventWithTheHeadAndTheDirtyMarkInTheSamePartition() {
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(), List.of(opened(), deposit(1)));
    store.append("Account", id, ExpectedVersion.exactly(2), List.of(deposit(2)));
    List<Row> rows = session.execute(
        "SELECT version, head, dirty FROM " + keyspace.name() + ".events WHERE aggregate_id = " + id).all();
    assertThat(rows).extracting(row -> row.getLong("version")).containsExactly(1L, 2L, 3L);
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.getLong("head")).isEqualTo(3);
      assertThat(row.getBoolean("dirty")).isTrue();
    });
  }

  private static List<EventEnvelope<Object>> concat(AppendResult a, AppendResult b) {
    List<EventEnvelope<Object>> all = new ArrayList<>(a.events());
    all.addAll(b.events());
    return all;
  }
}
