package dev.es.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.lifecycle.Score.Scored;
import dev.es.it.lifecycle.TicketEvent.TicketCommented;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.AppendMode;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ClosedStream;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.StreamClosedException;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Closing a stream: every later append is refused, whatever the append mode; loads go on as before. */
@CassandraTest
class ClosingTest {

  private static LifecycleFixture fixture;
  private static ExecutorService racers;

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    fixture = new LifecycleFixture(session, keyspace);
    racers = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopRacers() {
    racers.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(AppendMode.class)
  void aClosedStreamRefusesEveryAppendNamingItAndWritesNothing(AppendMode mode) {
    CassandraEventStore store = fixture.store(mode);
    UUID id = UUID.randomUUID();
    store.append("Ticket", id, ExpectedVersion.noStream(), List.of(new TicketEvent.TicketOpened("printer")));
    store.append("Ticket", id, ExpectedVersion.exactly(1), List.of(new TicketCommented("jammed")));

    ClosedStream closed = store.closeStream("Ticket", id, ExpectedVersion.exactly(2));

    assertThat(closed.aggregateId()).isEqualTo(id);
    assertThat(closed.version()).isEqualTo(2);
    assertThat(closed.archived()).isFalse();
    assertThat(store.closedStream(id)).contains(closed);
    for (ExpectedVersion expected : List.of(ExpectedVersion.exactly(2), ExpectedVersion.exactly(1),
        ExpectedVersion.any(), ExpectedVersion.noStream())) {
      assertThatThrownBy(() -> store.append("Ticket", id, expected, List.of(new TicketCommented("late"))))
          .as("%s append at %s", mode, expected)
          .isInstanceOfSatisfying(StreamClosedException.class, e -> {
            assertThat(e.aggregateType()).isEqualTo("Ticket");
            assertThat(e.aggregateId()).isEqualTo(id);
            assertThat(e.closedVersion()).isEqualTo(2);
            assertThat(e.closedAt()).isEqualTo(closed.closedAt());
          })
          .hasMessageContaining("Ticket " + id).hasMessageContaining("closed at version 2");
    }
    assertThat(store.currentVersion(id)).isEqualTo(2);
    assertThat(store.readStream(id).map(EventEnvelope::version).toList()).containsExactly(1L, 2L);
  }

  @ParameterizedTest
  @EnumSource(AppendMode.class)
  void repositoriesRefuseToSaveToAClosedStreamAndStillLoadIt(AppendMode mode) {
    TicketRepository tickets = new TicketRepository(fixture.store(mode));
    UUID id = UUID.randomUUID();
    tickets.save(Ticket.open(id, "screen"));
    tickets.update(id, ticket -> ticket.comment("flickers"));
    Ticket.TicketState before = tickets.load(id).state();

    assertThat(tickets.isClosed(id)).isFalse();
    assertThat(tickets.close(id).version()).isEqualTo(2);

    assertThat(tickets.isClosed(id)).isTrue();
    assertThat(tickets.load(id).state()).isEqualTo(before);
    assertThatThrownBy(() -> tickets.update(id, Ticket::resolve))
        .isInstanceOfSatisfying(StreamClosedException.class, e -> assertThat(e.closedVersion()).isEqualTo(2));
    Ticket stale = tickets.load(id);
    stale.comment("after the end");
    assertThatThrownBy(() -> tickets.save(stale)).isInstanceOf(StreamClosedException.class);

    ScoreRepository scores = new ScoreRepository(fixture.store(mode));
    UUID scoreId = UUID.randomUUID();
    scores.create(scoreId, score -> List.of(new Scored(3)));
    assertThat(scores.close(scoreId, 1).version()).isEqualTo(1);
    assertThatThrownBy(() -> scores.execute(scoreId, score -> List.of(new Scored(1))))
        .isInstanceOf(StreamClosedException.class).hasMessageContaining("Score " + scoreId);
    assertThatThrownBy(() -> scores.append(scoreId, 1, List.of(new Scored(1))))
        .isInstanceOf(StreamClosedException.class);
    assertThatThrownBy(() -> scores.create(scoreId, score -> List.of(new Scored(1))))
        .isInstanceOf(StreamClosedException.class);
    assertThat(scores.load(scoreId).points()).isEqualTo(3);
  }

  @Test
  void closingTwiceIsHarmlessAndWhatDoesNotExistOrMovedOnIsNotClosed() {
    CassandraEventStore store = fixture.store;
    UUID id = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(id, "keyboard"));
    fixture.tickets.update(id, ticket -> ticket.comment("sticky keys"));

    assertThatThrownBy(() -> fixture.tickets.close(id, 1))
        .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(2));
    assertThat(fixture.tickets.isClosed(id)).isFalse();
    ClosedStream closed = fixture.tickets.close(id, 2);
    assertThat(fixture.tickets.close(id)).isEqualTo(closed);
    assertThat(store.closeStream("Ticket", id, ExpectedVersion.exactly(1))).isEqualTo(closed);
    assertThat(fixture.closedEntries(id)).as("one entry: the refused attempts dropped theirs").isEqualTo(1);

    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> fixture.tickets.close(unknown))
        .isInstanceOf(AggregateNotFoundException.class).hasMessageContaining("Ticket " + unknown);
    assertThatThrownBy(() -> store.closeStream("Ticket", unknown, ExpectedVersion.exactly(3)))
        .isInstanceOf(AggregateNotFoundException.class);
    assertThatThrownBy(() -> store.closeStream("Ticket", unknown, ExpectedVersion.noStream()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.closedEntries(unknown)).isZero();
    assertThat(store.closedStream(unknown)).isEmpty();
  }

  @Test
  void anAppendStoredBeforeTheCloseIsStillReportedStoredWhenRetried() {
    UUID id = UUID.randomUUID();
    List<NewEvent> opened = List.of(NewEvent.of(new TicketEvent.TicketOpened("mouse")));
    fixture.store.appendEvents("Ticket", id, ExpectedVersion.noStream(), opened);
    fixture.store.closeStream("Ticket", id, ExpectedVersion.any());

    AppendResult retried = fixture.store.appendEvents("Ticket", id, ExpectedVersion.noStream(), opened);

    assertThat(retried.alreadyStored()).isTrue();
    assertThat(retried.currentVersion()).isEqualTo(1);
  }

  @Test
  void ofACloseAndAnAppendRacingAtOneVersionExactlyOneApplies() throws Exception {
    for (int round = 0; round < 20; round++) {
      UUID id = UUID.randomUUID();
      fixture.tickets.save(Ticket.open(id, "race " + round));
      List<Object> outcomes = race(
          () -> fixture.store.append("Ticket", id, ExpectedVersion.exactly(1), List.of(new TicketCommented("x"))),
          () -> fixture.store.closeStream("Ticket", id, ExpectedVersion.exactly(1)));
      ClosedStream closed = fixture.store.closedStream(id).orElse(null);
      if (outcomes.get(0) instanceof AppendResult) {
        assertThat(outcomes.get(1)).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(closed).isNull();
        assertThat(fixture.store.currentVersion(id)).isEqualTo(2);
      } else {
        assertThat(outcomes.get(0)).isInstanceOf(StreamClosedException.class);
        assertThat(outcomes.get(1)).isInstanceOf(ClosedStream.class).isEqualTo(closed);
        assertThat(fixture.store.currentVersion(id)).isEqualTo(1);
      }
    }
    for (int round = 0; round < 20; round++) {
      UUID id = UUID.randomUUID();
      fixture.tickets.save(Ticket.open(id, "race any " + round));
      List<Object> outcomes = race(
          () -> fixture.store.append("Ticket", id, ExpectedVersion.exactly(1), List.of(new TicketCommented("y"))),
          () -> fixture.store.closeStream("Ticket", id, ExpectedVersion.any()));
      ClosedStream closed = (ClosedStream) outcomes.get(1);
      long appended = outcomes.get(0) instanceof AppendResult ? 1 : 0;
      if (appended == 0) {
        assertThat(outcomes.get(0)).isInstanceOf(StreamClosedException.class);
      }
      assertThat(closed.version()).as("closed after the append that won, or before the one refused")
          .isEqualTo(1 + appended);
      assertThat(fixture.store.readStream(id).count()).as("nothing lost").isEqualTo(1 + appended);
    }
  }

  /** Runs both at once; each one's result or exception, in order. */
  private static List<Object> race(Callable<Object> first, Callable<Object> second) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> running = new ArrayList<>();
    for (Callable<Object> task : List.of(first, second)) {
      running.add(racers.submit(() -> {
        start.await();
        try {
          return task.call();
        } catch (RuntimeException e) {
          return e;
        }
      }));
    }
    start.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> outcome : running) {
      outcomes.add(outcome.get(30, TimeUnit.SECONDS));
    }
    return outcomes;
  }
}
