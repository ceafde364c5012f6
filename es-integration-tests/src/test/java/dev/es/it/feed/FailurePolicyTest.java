package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ParkedEvents;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.spi.EventType;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A consumer decodes only the event types it handles; an event it handles but cannot decode, or one its handler
 * keeps failing on, stops the projection (the default) or is parked with its aggregate's later events held back
 * behind it (the PARK policy), to be listed, retried and skipped through {@link ParkedEvents}.
 */
@CassandraTest
class FailurePolicyTest extends PublishedFeedTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(100)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));
  private static final ProjectionOptions PARK = ProjectionOptions.defaults().withFailurePolicy(FailurePolicy.PARK);

  FailurePolicyTest(CqlSession session, TestKeyspace keyspace) {
    super(session, keyspace, OPTIONS);
  }

  @Test
  void aProcessThatKnowsOnlySomeEventTypesPassesOverTheOthersWithoutDecodingThem() {
    CassandraEventStore otherService = process(EventType.current("Noted", 1, Noted.class),
        EventType.current("Filed", 1, Filed.class));
    List<UUID> streams = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      UUID id = UUID.randomUUID();
      append(otherService, id, 0, new Noted(1, "one"), new Filed("a"), new Noted(3, "three"));
      append(otherService, id, 3, new Filed("b"), new Noted(5, "five"));
      streams.add(id);
    }
    await().atMost(PATIENCE).until(fixture.feed::allPublished);
    assertThatThrownBy(fixture::readAll).as("this process cannot decode the other service's events")
        .isInstanceOf(UnknownEventTypeException.class).hasMessageContaining("'Filed'");

    RecordingProjection notes = new RecordingProjection("known-types").handlesOnly("Noted"::equals);
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(notes).build().start()) {
      await().atMost(PATIENCE).until(() -> notes.count() == 12);
      await().atMost(PATIENCE).until(() -> runner.lag("known-types") == 0);
      assertThat(runner.status("known-types").state()).isEqualTo(ProjectionStatus.State.RUNNING);
    }
    for (UUID id : streams) {
      assertThat(notes.versions().get(id)).as("versions of %s", id).containsExactly(1L, 3L, 5L);
    }
  }

  @Test
  void anUndecodableEventOfAHandledTypeStopsTheProjectionByDefaultNamingTheEvent() {
    CassandraEventStore newerRelease = process(EventType.current("Noted", 1, Noted.class),
        EventType.current("Noted", 2, NotedV2.class));
    UUID id = UUID.randomUUID();
    append(newerRelease, id, 0, new Noted(1, "one"), new NotedV2(2, "two", "ann"), new Noted(3, "three"));
    UUID revision2 = session.execute("SELECT event_id FROM " + keyspace.name()
        + ".events WHERE aggregate_id = ? AND version = 2", id).one().getUuid(0);

    RecordingProjection notes = new RecordingProjection("stops-at-new-revision");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(notes).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status(notes.name()).state() == ProjectionStatus.State.FAILED);
      ProjectionStatus status = runner.status(notes.name());
      assertThat(status.failure()).hasValueSatisfying(failure -> {
        FeedEventRef event = failure.event();
        assertThat(List.of(event.aggregateId(), event.version(), event.eventId(), event.eventType(),
            event.revision())).containsExactly(id, 2L, revision2, "Noted", 2);
        assertThat(failure.cause()).isInstanceOf(UnknownEventTypeException.class);
        assertThat(failure.describe()).contains("Projection 'stops-at-new-revision' stopped at shard "
            + event.shard() + " position " + event.position(), "event Noted revision 2 (id " + revision2
            + ") of aggregate " + id + " version 2", "unknown event type 'Noted' revision 2");
      });
      assertThat(notes.versions().get(id)).containsExactly(1L);
      assertThat(status.lag()).as("the undecodable event and the one after it are still to do").isEqualTo(2);

      // the fix: this process learns revision 2 and how to upcast revision 1 to it; a restart goes on from there
      fixture.store.registry()
          .register(EventType.upcasting("Noted", 1, Noted.class, n -> new NotedV2(n.sequence(), n.text(), "")))
          .register(EventType.current("Noted", 2, NotedV2.class));
      runner.start(notes.name());
      await().atMost(PATIENCE).until(() -> notes.count() == 3);
      assertThat(notes.versions().get(id)).containsExactly(1L, 2L, 3L);
      assertThat(notes.handled().get(1).envelope().payload()).isEqualTo(new NotedV2(2, "two", "ann"));
    }
  }

  @Test
  void withParkAnUndecodableEventIsParkedAndItsAggregatesLaterEventsAreHeldBackWhileOthersGoOn() {
    CassandraEventStore newerRelease = process(EventType.current("Noted", 1, Noted.class),
        EventType.current("Noted", 2, NotedV2.class));
    UUID stuck = UUID.randomUUID();
    append(newerRelease, stuck, 0, new Noted(1, "one"), new NotedV2(2, "two", "ann"), new Noted(3, "three"),
        new Noted(4, "four"));
    UUID other = UUID.randomUUID();
    fixture.append(other, 0, 3);

    RecordingProjection notes = new RecordingProjection("parks-new-revision");
    String name = notes.name();
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(notes, PARK).build().start()) {
      ParkedEvents parked = runner.parkedEvents();
      await().atMost(PATIENCE).until(() -> notes.count() == 4 && runner.lag(name) == 0);
      assertThat(runner.status(name).state()).isEqualTo(ProjectionStatus.State.RUNNING);
      assertThat(notes.versions()).isEqualTo(Map.of(stuck, List.of(1L), other, List.of(1L, 2L, 3L)));
      List<ParkedEvent> list = parked.list(name, 100);
      assertThat(list).extracting(p -> p.event().version()).containsExactly(2L, 3L, 4L);
      ParkedEvent first = list.get(0);
      assertThat(first.projection()).isEqualTo(name);
      assertThat(List.of(first.event().aggregateId(), first.event().eventType(), first.event().revision(),
          first.attempts(), first.heldBack())).containsExactly(stuck, "Noted", 2, 1, false);
      assertThat(first.failure()).contains("unknown event type 'Noted' revision 2");
      assertThat(list.subList(1, 3)).allSatisfy(p -> {
        assertThat(p.heldBack()).isTrue();
        assertThat(p.failure()).contains("version 2 of aggregate " + stuck + " is parked");
      });
      assertPositionsMatchTheFeed(list);

      // later events: the stuck aggregate's are held back too, the other's are handled
      append(newerRelease, stuck, 4, new Noted(5, "five"));
      fixture.append(other, 3, 1);
      await().atMost(PATIENCE).until(() -> notes.versions().get(other).size() == 4 && runner.lag(name) == 0);
      await().atMost(PATIENCE).until(() -> parked.list(name, 100).size() == 4);
      assertThat(notes.versions().get(stuck)).containsExactly(1L);

      // the fix (this process learns revision 2), then a retry handles the aggregate's parked events in order
      fixture.store.registry().register(EventType.current("Noted", 2, NotedV2.class));
      assertThat(parked.retry(first)).isTrue();
      await().atMost(PATIENCE).until(() -> parked.list(name, 100).isEmpty());
      assertThat(notes.versions().get(stuck)).containsExactly(1L, 2L, 3L, 4L, 5L);

      // no longer held back: the aggregate's next events are handled as they come
      append(newerRelease, stuck, 5, new Noted(6, "six"));
      await().atMost(PATIENCE).until(() -> notes.versions().get(stuck).size() == 6);
      assertThat(parked.retry(first)).as("nothing left to retry").isFalse();
    }
  }

  @Test
  void parkedEventsAreRetriedAndSkippedThroughTheApiAndStayParkedAcrossARestart() {
    UUID retried = UUID.randomUUID();
    UUID skipped = UUID.randomUUID();
    UUID healthy = UUID.randomUUID();
    fixture.append(retried, 0, 3);
    fixture.append(skipped, 0, 2);
    fixture.append(healthy, 0, 3);
    String name = "parks-failures";
    Set<UUID> broken = ConcurrentHashMap.newKeySet();
    broken.add(retried);
    broken.add(skipped);
    AtomicInteger failures = new AtomicInteger();

    RecordingProjection first = failing(name, broken, failures);
    List<ParkedEvent> parkedBefore;
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(first, PARK)
        .retries(2, Duration.ofMillis(10)).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.parkedEvents().list(name, 100).size() == 5
          && runner.lag(name) == 0);
      assertThat(first.versions()).isEqualTo(Map.of(healthy, List.of(1L, 2L, 3L)));
      parkedBefore = runner.parkedEvents().list(name, 100);
      assertThat(parkedBefore).filteredOn(p -> !p.heldBack())
          .extracting(p -> p.event().aggregateId(), p -> p.event().version(), ParkedEvent::attempts)
          .containsExactlyInAnyOrder(tuple(retried, 1L, 2), tuple(skipped, 1L, 2));
      assertThat(parkedBefore).allSatisfy(p -> assertThat(p.requested()).isEmpty());
      assertThat(failures.get()).isEqualTo(4);
    }

    // a restart: the new runner knows from Cassandra what is parked and holds the new events back too
    fixture.append(retried, 3, 1);
    fixture.append(healthy, 3, 1);
    RecordingProjection second = failing(name, broken, failures);
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(second, PARK)
        .retries(2, Duration.ofMillis(10)).build().start()) {
      ParkedEvents parked = runner.parkedEvents();
      await().atMost(PATIENCE).until(() -> second.versions().containsKey(healthy) && runner.lag(name) == 0);
      assertThat(second.versions()).isEqualTo(Map.of(healthy, List.of(4L)));
      List<ParkedEvent> afterRestart = parked.list(name, 100);
      assertThat(afterRestart).hasSize(6).containsAll(parkedBefore);
      assertThat(afterRestart).filteredOn(p -> p.event().aggregateId().equals(retried))
          .extracting(p -> p.event().version()).containsExactly(1L, 2L, 3L, 4L);

      // a retry that fails again leaves the events parked, with one more round of attempts
      ParkedEvent head = afterRestart.stream().filter(p -> p.event().aggregateId().equals(retried)
          && p.event().version() == 1).findFirst().orElseThrow();
      assertThat(parked.retry(head)).isTrue();
      await().atMost(PATIENCE).until(() -> parkedOf(parked, name, retried).get(0).attempts() == 4);
      assertThat(parkedOf(parked, name, retried)).hasSize(4)
          .allSatisfy(p -> assertThat(p.requested()).as("the request was answered").isEmpty());

      // fixed: the retry handles the aggregate's parked events in version order, then removes them
      broken.remove(retried);
      assertThat(parked.retry(head)).isTrue();
      await().atMost(PATIENCE).until(() -> parkedOf(parked, name, retried).isEmpty());
      assertThat(second.versions().get(retried)).containsExactly(1L, 2L, 3L, 4L);

      // a skip drops the event without handling it; what was held back behind it waits for a retry
      ParkedEvent poisoned = parkedOf(parked, name, skipped).get(0);
      assertThat(parked.skip(poisoned)).isTrue();
      await().atMost(PATIENCE).until(() -> parkedOf(parked, name, skipped).size() == 1);
      ParkedEvent behind = parkedOf(parked, name, skipped).get(0);
      assertThat(behind.event().version()).isEqualTo(2);
      assertThat(second.versions()).doesNotContainKey(skipped);
      broken.remove(skipped);
      assertThat(parked.retry(behind)).isTrue();
      await().atMost(PATIENCE).until(() -> parked.list(name, 100).isEmpty());
      assertThat(second.versions().get(skipped)).as("version 1 was skipped").containsExactly(2L);
      assertThat(runner.status(name).state()).isEqualTo(ProjectionStatus.State.RUNNING);
    }
  }

  @Test
  void aRebuildRemovesTheParkedEventsAndReplaysThemWithEverythingElse() throws Exception {
    UUID broken = UUID.randomUUID();
    UUID healthy = UUID.randomUUID();
    fixture.append(broken, 0, 3);
    fixture.append(healthy, 0, 2);
    Set<UUID> failing = ConcurrentHashMap.newKeySet();
    failing.add(broken);
    RecordingProjection projection = failing("rebuilt-with-parked", failing, new AtomicInteger());
    String name = projection.name();
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(projection, PARK)
        .retries(1, Duration.ofMillis(10)).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.parkedEvents().list(name, 100).size() == 3
          && runner.lag(name) == 0);

      failing.clear();
      runner.rebuild(name);
      await().atMost(PATIENCE).until(() -> projection.count() == 5);
      assertThat(runner.parkedEvents().list(name, 100)).isEmpty();
      assertThat(projection.versions()).isEqualTo(Map.of(broken, List.of(1L, 2L, 3L), healthy, List.of(1L, 2L)));
    }
  }

  /** A projection whose handler fails on every event of the {@code broken} aggregates, counting the failures. */
  private static RecordingProjection failing(String name, Set<UUID> broken, AtomicInteger failures) {
    RecordingProjection projection = new RecordingProjection(name);
    projection.failOn(event -> {
      boolean fail = broken.contains(event.envelope().aggregateId());
      if (fail) {
        failures.incrementAndGet();
      }
      return fail;
    });
    return projection;
  }

  private static List<ParkedEvent> parkedOf(ParkedEvents parked, String projection, UUID aggregate) {
    return parked.list(projection, 100).stream().filter(p -> p.event().aggregateId().equals(aggregate)).toList();
  }

  /** Each parked event names the feed row it came from. */
  private void assertPositionsMatchTheFeed(List<ParkedEvent> parked) {
    for (ParkedEvent p : parked) {
      FeedEventRef ref = fixture.feed.reader().row(p.event().shard(), p.event().position()).orElseThrow().ref();
      assertThat(ref).isEqualTo(p.event());
    }
  }

  /** The store of another process on the same keyspace, which knows other event types (or revisions). */
  private CassandraEventStore process(EventType<?>... types) {
    EventRegistry registry = new EventRegistry();
    for (EventType<?> type : types) {
      registry.register(type);
    }
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace.name())
        .createKeyspace(false).build(), registry);
    store.initialize();
    return store;
  }

  private static void append(CassandraEventStore store, UUID id, long current, Object... events) {
    store.append(FeedFixture.AGGREGATE_TYPE, id,
        current == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(current), List.of(events));
  }
}
