package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AfterAppendListenerException;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.InlineProjection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@CassandraTest
class ProjectionRunnerTest extends PublishedFeedTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(100)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  ProjectionRunnerTest(CqlSession session, TestKeyspace keyspace) {
    super(session, keyspace, OPTIONS);
  }

  @Test
  void catchesUpResumesFromItsCheckpointAndReportsLag() {
    Map<UUID, Long> streams = append(5, 3, 4);
    RecordingProjection first = new RecordingProjection("notes");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(first).batchSize(7).build().start()) {
      await().atMost(PATIENCE).until(() -> first.count() == total(streams));
      await().atMost(PATIENCE).until(() -> runner.lag("notes") == 0);
      assertThat(runner.status("notes").state()).isEqualTo(ProjectionStatus.State.RUNNING);
    }
    assertInOrderOnce(first, streams);

    // a new runner (a restart) resumes from the checkpoint: it sees only what was appended since
    Map<UUID, Long> more = append(2, 2, 3);
    RecordingProjection second = new RecordingProjection("notes");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(second).build().start()) {
      await().atMost(PATIENCE).until(() -> second.count() == total(more));
      assertThat(runner.lag("notes")).isZero();
    }
    assertInOrderOnce(second, more);
  }

  @Test
  void aHandlerThatKeepsFailingStopsTheProjectionAtThatEventWithoutSkippingIt() {
    Map<UUID, Long> streams = append(1, 1, 5);
    UUID id = streams.keySet().iterator().next();
    RecordingProjection projection = new RecordingProjection("fragile");
    projection.failOn(event -> event.envelope().version() == 3);
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(projection)
        .retries(3, Duration.ofMillis(10)).build().start()) {
      await().atMost(PATIENCE).until(() -> runner.status("fragile").state() == ProjectionStatus.State.FAILED);
      ProjectionStatus status = runner.status("fragile");
      assertThat(status.failure()).hasValueSatisfying(failure -> {
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.event().version()).isEqualTo(3);
        assertThat(failure.describe())
            .contains("Projection 'fragile' stopped", "aggregate " + id, "version 3", "Noted",
                "read model unavailable");
      });
      assertThat(projection.versions().get(id)).containsExactly(1L, 2L);
      assertThat(status.lag()).as("the failed event and the ones after it are still to do").isEqualTo(3);

      // once the cause is fixed, a restart goes on from the failed event
      projection.failOn(event -> false);
      runner.start("fragile");
      await().atMost(PATIENCE).until(() -> projection.count() == 5);
    }
    assertThat(projection.versions().get(id)).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void rebuildReplaysFromZeroWhileOtherProjectionsGoOn() {
    Map<UUID, Long> streams = append(4, 2, 3);
    RecordingProjection rebuilt = new RecordingProjection("rebuilt");
    RecordingProjection other = new RecordingProjection("other");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(rebuilt).add(other).build().start()) {
      await().atMost(PATIENCE).until(() -> rebuilt.count() == total(streams) && other.count() == total(streams));
      Map<UUID, List<Long>> before = Map.copyOf(rebuilt.versions());

      runner.rebuild("rebuilt");
      await().atMost(PATIENCE).until(() -> rebuilt.count() == total(streams));

      assertThat(rebuilt.versions()).isEqualTo(before);
      assertThat(other.count()).as("the other projection was not replayed").isEqualTo(total(streams));
      assertThat(runner.status("other").state()).isEqualTo(ProjectionStatus.State.RUNNING);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertInOrderOnce(rebuilt, streams);
  }

  @Test
  void inlineProjectionsSeeEachAppendOnTheCallersThreadAndTheirFailuresDoNotUndoIt() {
    RecordingProjection inline = new RecordingProjection("inline");
    InlineProjection listener = InlineProjection.register(fixture.store, inline);
    try {
      UUID id = UUID.randomUUID();
      long version = fixture.append(id, 0, 2);
      assertThat(inline.versions().get(id)).as("read-your-writes: updated before append returned")
          .containsExactly(1L, 2L);
      assertThat(inline.handled()).allSatisfy(event -> assertThat(event.position()).isEqualTo(FeedEvent.NOT_IN_FEED));

      inline.failOn(event -> true);
      long current = version;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.append(id, current, 1))
          .isInstanceOf(AfterAppendListenerException.class);
      assertThat(fixture.store.currentVersion(id)).as("the append stands").isEqualTo(3);
    } finally {
      fixture.store.removeAfterAppendListener(listener);
    }
  }

  private static void assertInOrderOnce(RecordingProjection projection, Map<UUID, Long> streams) {
    assertThat(projection.versions().keySet()).containsExactlyInAnyOrderElementsOf(streams.keySet());
    streams.forEach((id, head) -> assertThat(projection.versions().get(id))
        .as("versions of %s", id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList()));
  }
}
