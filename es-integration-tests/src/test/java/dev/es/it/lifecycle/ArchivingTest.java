package dev.es.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.it.lifecycle.Ticket.TicketState;
import dev.es.it.lifecycle.TicketEvent.TicketCommented;
import dev.es.runtime.AppendMode;
import dev.es.runtime.ArchiveRun;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ClosedStream;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.SnapshotTrigger;
import dev.es.runtime.StreamClosedException;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.admin.StreamInspection;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archiving closed streams: what reads and loads see afterwards (the same as before), what stays (published streams
 * only), and runs that stop half-way and are completed by the next.
 */
@CassandraTest
class ArchivingTest {

  private static LifecycleFixture fixture;

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    fixture = new LifecycleFixture(session, keyspace);
  }

  @BeforeEach
  void startWithNoClosedStreamListed() {
    fixture.forgetClosedStreams();
  }

  @Test
  void anArchivedStreamReadsAndLoadsAsBeforeThroughTheStoreTheRepositoryAndTheAdmin() {
    TicketRepository tickets = fixture.tickets;
    CassandraEventStore store = fixture.store;
    UUID id = UUID.randomUUID();
    try (MetadataContext.Scope scope = MetadataContext.open("ann",
        EventMetadata.empty().withCorrelationId("call-7").with("channel", "phone"))) {
      tickets.save(Ticket.open(id, "laptop"));
      for (int i = 1; i <= 11; i++) {
        String text = "comment " + i;
        tickets.update(id, ticket -> ticket.comment(text));
      }
    }
    assertThat(tickets.snapshot(id)).isEqualTo(12);
    tickets.update(id, ticket -> ticket.comment("after the snapshot"));
    tickets.update(id, Ticket::resolve);
    List<EventEnvelope<Object>> events = store.readStream(id).toList();
    TicketState state = tickets.load(id).state();
    List<EventEnvelope<TicketEvent>> history = tickets.history(id).toList();
    TicketState atSeven = tickets.loadAtVersion(id, 7).state();
    Instant seventh = events.get(6).timestamp();
    TicketState asOfSeventh = tickets.loadAsOf(id, seventh).state();
    tickets.close(id);
    fixture.publishAll();

    // a load that replays more than one event would snapshot, were it not reading the archive
    tickets.setSnapshotTrigger(new SnapshotTrigger(0, 1));
    try {
      ArchiveRun run = fixture.archiver.archiveClosedFor(Duration.ZERO);

      assertThat(run.archived()).isEqualTo(1);
      assertThat(run.unpublished()).isZero();
      assertThat(fixture.eventRows(id)).isZero();
      assertThat(fixture.archivedRows(id)).isEqualTo(14);
      assertThat(fixture.snapshots(id)).isZero();
      assertThat(store.closedStream(id)).hasValueSatisfying(closed -> {
        assertThat(closed.version()).isEqualTo(14);
        assertThat(closed.archived()).isTrue();
      });
      assertThat(store.currentVersion(id)).isEqualTo(14);
      assertThat(store.exists(id)).isTrue();

      assertThat(store.readStream(id).toList()).isEqualTo(events);
      assertThat(events.get(3).metadata().correlationId()).isEqualTo("call-7");
      assertThat(events.get(3).userId()).isEqualTo("ann");
      assertThat(store.readStream(id, 5, 9).toList()).isEqualTo(events.subList(4, 9));
      assertThat(store.readStream(id, 13).toList()).isEqualTo(events.subList(12, 14));
      assertThat(store.readStream(id, 15).toList()).isEmpty();
      assertThat(store.readStreamAsOf(id, 1, seventh).toList()).isEqualTo(events.stream()
          .filter(e -> !e.timestamp().isAfter(seventh)).toList());
      assertThat(tickets.load(id).state()).isEqualTo(state);
      assertThat(tickets.history(id).toList()).isEqualTo(history);
      assertThat(tickets.loadAtVersion(id, 7).state()).isEqualTo(atSeven);
      assertThat(tickets.loadAsOf(id, seventh).state()).isEqualTo(asOfSeventh);
      assertThat(fixture.snapshots(id)).as("no snapshot written from the archive").isZero();
    } finally {
      tickets.resetSnapshotTrigger();
    }

    for (AppendMode mode : AppendMode.values()) {
      assertThatThrownBy(() -> fixture.store(mode).append("Ticket", id, ExpectedVersion.any(),
          List.of(new TicketCommented("reopen?"))))
          .as(mode.name())
          .isInstanceOfSatisfying(StreamClosedException.class, e -> assertThat(e.closedVersion()).isEqualTo(14));
    }
    assertThatThrownBy(() -> tickets.save(Ticket.open(id, "again"))).isInstanceOf(StreamClosedException.class);
    assertThat(fixture.eventRows(id)).isZero();

    EsAdmin admin = new EsAdmin(fixture.feed, "lifecycle-test");
    StreamInspection inspected = admin.stream(id, 13, 10);
    assertThat(inspected.aggregateType()).isEqualTo("Ticket");
    assertThat(inspected.head()).isEqualTo(14);
    assertThat(inspected.fullyPublished()).isTrue();
    assertThat(inspected.closedAt()).isPresent();
    assertThat(inspected.archivedAt()).isPresent();
    assertThat(inspected.events()).extracting(InspectedEvent::version).containsExactly(13L, 14L);
    assertThat(inspected.snapshots()).isEmpty();
    assertThat(admin.stream(id, 20, 10).events()).isEmpty();
    assertThat(admin.stream(id, 20, 10).aggregateType()).isEqualTo("Ticket");
  }

  @Test
  void aPublisherTakingAShardOverAfterAnArchiveRedoesItsLastMarksWithoutTheArchivedRows() {
    UUID id = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(id, "taken over"));
    fixture.tickets.close(id);
    fixture.publishAll();
    fixture.releasePublishers();
    assertThat(fixture.archiver.archiveClosedFor(Duration.ZERO).archived()).isEqualTo(1);

    for (int shard = 0; shard < LifecycleFixture.FEED.shards(); shard++) {
      FeedPublisher successor = fixture.feed.publisher(shard, "successor");
      assertThat(successor.publishOnce()).as("shard %s: nothing left to publish", shard).isZero();
      successor.release();
    }
    assertThat(fixture.tickets.load(id).version()).isEqualTo(1);
  }

  @Test
  void aStreamWithAnEventNotPublishedYetStaysUntilTheFeedHasIt() {
    UUID id = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(id, "phone"));
    fixture.publishAll();
    fixture.tickets.update(id, ticket -> ticket.comment("not in the feed yet"));
    fixture.tickets.close(id);

    ArchiveRun waiting = fixture.archiver.archiveClosedFor(Duration.ZERO);

    assertThat(waiting.archived()).isZero();
    assertThat(waiting.unpublished()).isEqualTo(1);
    assertThat(fixture.eventRows(id)).isEqualTo(2);
    assertThat(fixture.archivedRows(id)).isZero();
    assertThat(fixture.store.closedStream(id).map(ClosedStream::archived)).contains(false);

    fixture.publishAll();
    ArchiveRun published = fixture.archiver.archiveClosedFor(Duration.ZERO);

    assertThat(published.archived()).isEqualTo(1);
    assertThat(published.unpublished()).isZero();
    assertThat(fixture.eventRows(id)).isZero();
    assertThat(fixture.tickets.load(id).state().comments()).containsExactly("not in the feed yet");
  }

  @Test
  void aStreamClosedAtOrAfterTheCutoffStaysUntilARunWithALaterCutoff() {
    UUID id = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(id, "tablet"));
    ClosedStream closed = fixture.tickets.close(id);
    fixture.publishAll();

    assertThat(fixture.archiver.archiveClosedBefore(closed.closedAt()).archived()).isZero();
    assertThat(fixture.archiver.archiveClosedFor(Duration.ofHours(1)).archived()).isZero();
    assertThat(fixture.eventRows(id)).isEqualTo(1);

    assertThat(fixture.archiver.archiveClosedBefore(closed.closedAt().plusMillis(1)).archived()).isEqualTo(1);
    assertThat(fixture.eventRows(id)).isZero();
  }

  @Test
  void runsThatStoppedBetweenCopyMarkAndDeleteAreCompletedAndRunningAgainChangesNothing() {
    UUID halfCopied = closedAndPublished("half copied", 5);
    UUID copied = closedAndPublished("copied", 5);
    UUID marked = closedAndPublished("copied and marked", 5);
    List<List<EventEnvelope<Object>>> before = List.of(fixture.store.readStream(halfCopied).toList(),
        fixture.store.readStream(copied).toList(), fixture.store.readStream(marked).toList());
    copyToArchive(halfCopied, 2);
    copyToArchive(copied, 5);
    copyToArchive(marked, 5);
    fixture.session.execute("UPDATE " + table(fixture.store.options().eventsTable())
        + " SET archived = ? WHERE aggregate_id = ?", Instant.now(), marked);
    assertThat(fixture.store.readStream(marked).toList()).as("marked, rows still there").isEqualTo(before.get(2));

    assertThat(fixture.archiver.archiveClosedFor(Duration.ZERO).archived()).isEqualTo(3);

    List<UUID> ids = List.of(halfCopied, copied, marked);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(fixture.eventRows(ids.get(i))).isZero();
      assertThat(fixture.archivedRows(ids.get(i))).isEqualTo(5);
      assertThat(fixture.store.readStream(ids.get(i)).toList()).isEqualTo(before.get(i));
    }
    assertThat(fixture.archiver.archiveClosedFor(Duration.ZERO).archived()).as("nothing left").isZero();

    // a run that archived a stream and stopped before dropping its entry: the next one finishes
    ClosedStream closed = fixture.store.closedStream(copied).orElseThrow();
    listClosed(copied, closed.closedAt());
    assertThat(fixture.archiver.archiveClosedFor(Duration.ZERO).archived()).isEqualTo(1);
    assertThat(fixture.closedEntries(copied)).isZero();
    assertThat(fixture.store.readStream(copied).toList()).isEqualTo(before.get(1));
  }

  @Test
  void aStreamArchivedWhileItIsReadIsReadWhole() {
    CassandraEventStore smallPages = fixture.store(options -> options.pageSize(3));
    UUID id = closedAndPublished("read while archived", 10);
    List<EventEnvelope<Object>> before = fixture.store.readStream(id).toList();
    Iterator<EventEnvelope<Object>> whole = smallPages.readStream(id).iterator();
    Iterator<EventEnvelope<Object>> fromFour = smallPages.readStream(id, 4, 9).iterator();
    List<EventEnvelope<Object>> readWhole = new ArrayList<>(List.of(whole.next(), whole.next()));
    List<EventEnvelope<Object>> readFromFour = new ArrayList<>(List.of(fromFour.next()));

    assertThat(fixture.archiver.archiveClosedFor(Duration.ZERO).archived()).isEqualTo(1);

    whole.forEachRemaining(readWhole::add);
    fromFour.forEachRemaining(readFromFour::add);
    assertThat(readWhole).isEqualTo(before);
    assertThat(readFromFour).isEqualTo(before.subList(3, 9));
  }

  @Test
  void entriesOfClosesThatDidNotApplyAreDroppedOnceTheCloseCannotBeUnderWayAnyMore() {
    UUID open = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(open, "never closed"));
    UUID recent = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(recent, "close under way"));
    UUID closedTwice = closedAndPublished("closed, and an attempt that did not apply", 2);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    listClosed(open, now.minus(Duration.ofHours(2)));
    listClosed(recent, now.minus(Duration.ofMinutes(1)));
    listClosed(closedTwice, now.minus(Duration.ofMinutes(1)));

    ArchiveRun run = fixture.archiver.archiveClosedFor(Duration.ZERO);

    assertThat(run.archived()).isEqualTo(1);
    assertThat(fixture.closedEntries(open)).isZero();
    assertThat(fixture.closedEntries(recent)).isEqualTo(1);
    assertThat(fixture.closedEntries(closedTwice)).isZero();
    assertThat(fixture.eventRows(open)).isEqualTo(1);
    assertThat(fixture.eventRows(recent)).isEqualTo(1);
    assertThat(fixture.tickets.isClosed(open)).isFalse();
  }

  @Test
  void aDayWhoseStreamsAreAllArchivedIsDroppedWhole() {
    Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
    CassandraEventStore past = fixture.store(options -> options.clock(Clock.fixed(threeDaysAgo, ZoneOffset.UTC)));
    UUID id = UUID.randomUUID();
    fixture.tickets.save(Ticket.open(id, "old"));
    past.closeStream("Ticket", id, ExpectedVersion.exactly(1));
    fixture.publishAll();

    ArchiveRun run = fixture.archiver.archiveClosedFor(Duration.ofDays(1));

    assertThat(run.unpublished()).isZero();
    assertThat(run.archived()).isEqualTo(1);

    LocalDate day = LocalDate.ofInstant(threeDaysAgo, ZoneOffset.UTC);
    assertThat(fixture.session.execute("SELECT DISTINCT day FROM " + table(fixture.store.options()
        .closedStreamsTable())).all()).extracting(row -> row.getLocalDate("day")).doesNotContain(day);
    assertThat(fixture.store.readStream(id).map(EventEnvelope::payload).toList())
        .containsExactly(new TicketEvent.TicketOpened("old"));
  }

  /** A ticket with {@code events} events, closed, all in the feed. */
  private static UUID closedAndPublished(String title, int events) {
    UUID id = UUID.randomUUID();
    Ticket ticket = Ticket.open(id, title);
    for (int i = 2; i <= events; i++) {
      ticket.comment(title + " " + i);
    }
    fixture.tickets.save(ticket);
    fixture.tickets.close(id);
    fixture.publishAll();
    return id;
  }

  /** What an archive run that stopped after copying versions 1..upTo left in the archive table. */
  private static void copyToArchive(UUID id, long upTo) {
    String columns = "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id,"
        + " metadata, payload";
    for (Row row : fixture.session.execute("SELECT " + columns + " FROM " + table(fixture.store.options()
        .eventsTable()) + " WHERE aggregate_id = ? AND version <= ?", id, upTo)) {
      Object[] values = new Object[row.getColumnDefinitions().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.getObject(i);
      }
      fixture.session.execute("INSERT INTO " + table(fixture.store.options().archiveTable()) + " (" + columns
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
    }
  }

  /** An entry in the list of closed streams, as a close writes it before its condition. */
  private static void listClosed(UUID id, Instant closedAt) {
    fixture.session.execute("INSERT INTO " + table(fixture.store.options().closedStreamsTable())
        + " (day, aggregate_id, aggregate_type, closed) VALUES (?, ?, 'Ticket', ?)",
        LocalDate.ofInstant(closedAt, ZoneOffset.UTC), id, closedAt);
  }

  private static String table(String name) {
    return fixture.keyspace + "." + name;
  }
}
