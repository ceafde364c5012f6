package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionControl;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus.State;
import dev.es.runtime.projection.ReplayRequest;
import dev.es.runtime.projection.UnknownProjectionException;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An operator steers projections through {@link EsAdmin} while runners host them: pause and resume on every runner,
 * a reset and a rebuild carried out by one runner under the leases while writers append, parked events retried and
 * skipped, a failed projection resumed; every action, refused ones included, leaves an audit row.
 */
@CassandraTest
class ProjectionControlTest extends PublishedFeedTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(100)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofMillis(1000));

  ProjectionControlTest(CqlSession session, TestKeyspace keyspace) {
    super(session, keyspace, OPTIONS);
  }

  private EsAdmin admin() {
    return new EsAdmin(fixture.feed, "operator-ann");
  }

  @Test
  void aPauseStopsEveryRunnerHostingTheProjectionAndAResumeStartsThemAgain() throws Exception {
    RecordingProjection onA = new RecordingProjection("paused");
    RecordingProjection onB = new RecordingProjection("paused");
    EsAdmin admin = admin();
    try (ProjectionRunner a = ProjectionRunner.builder(fixture.feed).owner("runner-a").add(onA).build().start();
        ProjectionRunner b = ProjectionRunner.builder(fixture.feed).owner("runner-b").add(onB).build().start()) {
      long appended = total(append(4, 2, 3));
      await().atMost(PATIENCE).until(() -> onA.count() + onB.count() == appended);
      assertThat(admin.projectionNames()).contains("paused");

      admin.pause("paused");
      await().atMost(PATIENCE).until(() -> a.status("paused").state() == State.PAUSED
          && b.status("paused").state() == State.PAUSED);
      await().atMost(PATIENCE).until(() -> !admin.projection("paused").running());
      long more = total(append(2, 1, 3));
      await().atMost(PATIENCE).until(fixture.feed::allPublished);
      Thread.sleep(4 * OPTIONS.renewalInterval().toMillis());
      assertThat(onA.count() + onB.count()).as("handled while paused").isEqualTo(appended);
      ProjectionOverview paused = admin.projection("paused");
      assertThat(paused.paused()).isTrue();
      assertThat(paused.lag()).isEqualTo(more);

      admin.resume("paused");
      await().atMost(PATIENCE).until(() -> onA.count() + onB.count() == appended + more);
      await().atMost(PATIENCE).until(() -> admin.projection("paused").running());
      assertThat(admin.projection("paused").paused()).isFalse();
      assertThat(List.of(a.status("paused").state(), b.status("paused").state())).containsOnly(State.RUNNING);
    }
    assertThat(admin.audit(2)).extracting(AuditEntry::action, AuditEntry::target, AuditEntry::actor,
            AuditEntry::outcome)
        .containsExactly(tuple("projection.resume", "paused", "operator-ann", "done"),
            tuple("projection.pause", "paused", "operator-ann", "done"));
  }

  @Test
  void aResetToAnInstantWhileWritersAppendEndsEqualToARebuild() throws Exception {
    NoteTable model = new NoteTable(session, keyspace.name(), "replayed");
    EsAdmin admin = admin();
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    Instant firstAppend = Instant.now();
    Instant resetAt;
    Thread writer = new Thread(() -> {
      UUID[] streams = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
      for (int i = 0; writing.get(); i++) {
        UUID id = streams[i % streams.length];
        heads.put(id, fixture.append(id, heads.getOrDefault(id, 0L), 2));
      }
    });
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(model).build().start()) {
      writer.start();
      await().atMost(PATIENCE).until(() -> model.calls() >= 60);
      resetAt = Instant.now();
      long handledBefore = model.calls();
      ReplayRequest reset = admin.resetTo("replayed", resetAt);
      assertThat(resetAt).as("the test's events are within the publishing slack of the instant")
          .isBefore(firstAppend.plus(ProjectionControl.PUBLISHING_SLACK));
      assertThat(reset.kind()).isEqualTo(ReplayRequest.Kind.RESET);
      assertThat(reset.positions()).containsOnlyKeys(0, 1).allSatisfy((shard, position) ->
          assertThat(position).as("shard %s", shard).isZero());
      await().atMost(PATIENCE).until(() -> admin.projection("replayed").pendingReplay().isEmpty());
      await().atMost(PATIENCE).until(() -> model.calls() >= handledBefore + 60);
      writing.set(false);
      writer.join();
      await().atMost(PATIENCE).until(fixture.feed::allPublished);
      await().atMost(PATIENCE).until(() -> runner.lag("replayed") == 0);
      Map<String, String> afterReset = model.rows();
      assertThat(afterReset).isEqualTo(NoteTable.expected(heads));
      assertThat(model.calls()).as("every event handled before the reset was handled again")
          .isGreaterThanOrEqualTo(handledBefore + afterReset.size());

      ReplayRequest rebuild = admin.rebuild("replayed");
      assertThat(rebuild.kind()).isEqualTo(ReplayRequest.Kind.REBUILD);
      await().atMost(PATIENCE).until(() -> admin.projection("replayed").pendingReplay().isEmpty());
      await().atMost(PATIENCE).until(() -> runner.lag("replayed") == 0 && model.rows().size() == afterReset.size());
      assertThat(model.rows()).isEqualTo(afterReset);
      assertThat(runner.status("replayed").state()).isEqualTo(State.RUNNING);
    } finally {
      writing.set(false);
    }
    assertThat(admin.audit(2)).extracting(AuditEntry::action, AuditEntry::detail)
        .containsExactly(tuple("projection.rebuild", ""), tuple("projection.reset", "to " + resetAt));
  }

  @Test
  void parkedEventsAreRetriedAndSkippedThroughTheAdmin() {
    RecordingProjection parking = new RecordingProjection("parking");
    Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
    parking.failOn(event -> poisoned.contains(event.envelope().aggregateId()));
    EsAdmin admin = admin();
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed)
        .add(parking, ProjectionOptions.defaults().withFailurePolicy(FailurePolicy.PARK))
        .retries(1, Duration.ofMillis(10)).build().start()) {
      UUID retried = UUID.randomUUID();
      UUID skipped = UUID.randomUUID();
      poisoned.addAll(List.of(retried, skipped));
      fixture.append(retried, 0, 2);
      fixture.append(skipped, 0, 2);
      long healthy = total(append(3, 1, 2));
      await().atMost(PATIENCE).until(() -> admin.parkedEvents("parking", 10).size() == 4
          && parking.count() == healthy);

      poisoned.clear();
      assertThat(admin.retry("parking", retried, 1)).isTrue();
      assertThat(admin.skip("parking", skipped, 1)).isTrue();
      await().atMost(PATIENCE).until(() -> admin.parkedEvents("parking", 10).size() == 1);
      ParkedEvent left = admin.parkedEvents("parking", 10).get(0);
      assertThat(left.event().aggregateId()).isEqualTo(skipped);
      assertThat(left.event().version()).as("held back behind the skipped one until asked for").isEqualTo(2);
      assertThat(parking.versions().get(retried)).containsExactly(1L, 2L);
      assertThat(parking.versions()).doesNotContainKey(skipped);
      assertThat(admin.retry("parking", retried, 1)).as("no longer parked").isFalse();
    }
    assertThat(admin.audit(3)).extracting(AuditEntry::action, AuditEntry::outcome)
        .containsExactly(tuple("parked.retry", "not parked"),
            tuple("parked.skip", "requested"),
            tuple("parked.retry", "requested"));
  }

  @Test
  void aProjectionStoppedOnAFailureShowsItAndAResumeStartsItAgain() {
    RecordingProjection stopping = new RecordingProjection("stopping");
    AtomicBoolean broken = new AtomicBoolean(true);
    stopping.failOn(event -> broken.get());
    EsAdmin admin = admin();
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).owner("runner-f").add(stopping)
        .retries(2, Duration.ofMillis(10)).build().start()) {
      long appended = total(append(2, 1, 2));
      await().atMost(PATIENCE).until(() -> runner.status("stopping").state() == State.FAILED);
      ProjectionOverview failed = admin.projection("stopping");
      assertThat(failed.failure()).hasValueSatisfying(failure -> {
        assertThat(failure.owner()).isEqualTo("runner-f");
        assertThat(failure.description()).contains("stopping").contains("read model unavailable");
      });
      assertThat(failed.lag()).isEqualTo(appended);

      broken.set(false);
      admin.resume("stopping");
      await().atMost(PATIENCE).until(() -> stopping.count() == appended);
      assertThat(runner.status("stopping").state()).isEqualTo(State.RUNNING);
      assertThat(admin.projection("stopping").failure()).isEmpty();
    }
  }

  @Test
  void anUnknownProjectionOrABadArgumentIsRefusedNamingItAndTheRefusalIsAudited() {
    EsAdmin admin = admin();
    assertThatThrownBy(() -> admin.pause("nowhere")).isInstanceOf(UnknownProjectionException.class)
        .hasMessageContaining("'nowhere'");
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(new RecordingProjection("idle"))
        .build().start()) {
      await().atMost(PATIENCE).until(() -> admin.projectionNames().contains("idle"));
    }
    append(1, 1, 1);
    await().atMost(PATIENCE).until(fixture.feed::allPublished);
    assertThatThrownBy(() -> admin.resetTo("idle", 7, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 7");
    long head = fixture.feed.headPosition(0);
    assertThatThrownBy(() -> admin.resetTo("idle", 0, head + 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position " + (head + 1)).hasMessageContaining("shard 0");
    ReplayRequest pending = admin.rebuild("idle"); // no runner hosts it now: the request waits for one
    assertThatThrownBy(() -> admin.rebuild("idle")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pending").hasMessageContaining("operator-ann");
    assertThat(admin.projection("idle").pendingReplay()).as("as returned, to the millisecond stored")
        .hasValue(pending);

    List<AuditEntry> audit = admin.audit(5);
    assertThat(audit).extracting(AuditEntry::action).containsExactly("projection.rebuild", "projection.rebuild",
        "projection.reset", "projection.reset", "projection.pause");
    assertThat(audit.get(0).outcome()).startsWith("refused: ").contains("pending");
    assertThat(audit.get(1).outcome()).startsWith("requested " + pending.id());
    assertThat(audit.get(2).outcome()).startsWith("refused: ").contains("position " + (head + 1));
    assertThat(audit.get(3).outcome()).startsWith("refused: ").contains("shard 7");
    assertThat(audit.get(4).outcome()).startsWith("refused: ").contains("'nowhere'");
    assertThat(audit).extracting(AuditEntry::actor).containsOnly("operator-ann");
  }
}
