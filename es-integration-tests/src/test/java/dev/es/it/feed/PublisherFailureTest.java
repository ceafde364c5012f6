package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Backlog;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.feed.FeedPublishingException;
import dev.es.runtime.feed.PublisherStatus;
import dev.es.runtime.internal.PublisherProgress;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ShardLag;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A publisher that cannot publish shows it: in its status, and in the shard's backlog. */
@CassandraTest
class PublisherFailureTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofSeconds(2));

  /** An event of about this many bytes: four of them are more than one Cassandra mutation may hold (16 MiB). */
  private static final int LARGE = 5 * 1024 * 1024;

  private final CqlSession session;
  private final TestKeyspace keyspace;

  PublisherFailureTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /**
   * Byte limits set above what the cluster accepts (the store's, to append 5 MB events at all, and the feed's):
   * one feed write would hold a stream's four 5 MB events, and Cassandra refuses it. The shard shows FAILING with
   * the stream and its versions named, and its backlog counts the four events since the first was appended, while
   * the feed's high-water mark stays at 0.
   */
  @Test
  void aStreamTooLargeToPublishShowsInTheStatusAndInTheBacklog() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(),
        OPTIONS.withMaxBatchBytes(Integer.MAX_VALUE), store -> store.maxBatchBytes(8L * 1024 * 1024));
    UUID id = UUID.randomUUID();
    Instant first = null;
    for (int version = 0; version < 4; version++) {
      var appended = fixture.store.append(FeedFixture.AGGREGATE_TYPE, id,
          version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version),
          List.of(new Noted(version + 1, "x".repeat(LARGE))));
      if (first == null) {
        first = appended.events().get(0).timestamp();
      }
    }

    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher")) {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> publishers.status(0).state() == PublisherStatus.State.FAILING);
      PublisherStatus status = publishers.status(0);
      assertThat(status.failure()).get().isInstanceOf(FeedPublishingException.class);
      assertThat(status.failure().get().getMessage()).contains("aggregate " + id + " versions 1..4");

      Backlog backlog = fixture.feed.backlog(0);
      assertThat(backlog.events()).isEqualTo(4);
      assertThat(backlog.streams()).isEqualTo(1);
      assertThat(backlog.oldestUnpublishedAt()).contains(first);
      assertThat(fixture.feed.headPosition(0)).as("the feed's own lag sees nothing").isZero();

      try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed)
          .add(new RecordingProjection("waiting")).build().start()) {
        Duration waitedAtLeast = Duration.between(first, fixture.store.options().clock().instant());
        ShardLag lag = runner.status("waiting").shards().get(0);
        assertThat(lag.unpublished()).as("a projection's lag shows the stuck stream").isEqualTo(4);
        assertThat(lag.events()).isEqualTo(4);
        assertThat(lag.oldestUnhandledAge()).isGreaterThanOrEqualTo(waitedAtLeast);
        assertThat(runner.status("waiting").lag()).isEqualTo(4);
        assertThat(runner.lag("waiting")).as("of published events, none is unhandled").isZero();
      }
    }
  }

  /** The byte limit cuts a stream's events too: a stream larger than a batch goes over several steps. */
  @Test
  void aStreamLargerThanABatchIsPublishedOverSeveralSteps() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS.withMaxBatchBytes(64 * 1024));
    UUID id = UUID.randomUUID();
    fixture.store.append(FeedFixture.AGGREGATE_TYPE, id, ExpectedVersion.noStream(), List.of(
        new Noted(1, "a".repeat(40_000)), new Noted(2, "b".repeat(40_000)), new Noted(3, "c".repeat(40_000))));
    FeedPublisher publisher = fixture.feed.publisher(0, "publisher");

    assertThat(publisher.publishOnce()).as("about 40 KB of 64 KiB: one event, two would not fit").isEqualTo(1);
    assertThat(fixture.feed.backlog(0).events()).isEqualTo(2);
    assertThat(FeedFixture.publishAll(publisher)).isEqualTo(2);

    FeedTest.assertExactlyOnceInOrder(fixture.readAll(), Map.of(id, 3L));
    assertThat(fixture.feed.allPublished()).isTrue();
    assertThat(fixture.feed.backlog(0)).isEqualTo(new Backlog(0, 0, 0, java.util.Optional.empty()));
  }

  /**
   * An {@link Error} in a publisher's loop stops that shard visibly (FAILED, with the error) instead of killing
   * its thread behind a running status; {@code restart} resumes it, and its successor's recovery completes the
   * step the error interrupted.
   */
  @Test
  void anErrorInThePublisherLoopShowsAsFailedAndARestartFinishesTheWork() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    UUID id = UUID.randomUUID();
    fixture.append(id, 0, 3);
    AtomicBoolean failOnce = new AtomicBoolean(true);
    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher", step -> {
      if (step == PublisherProgress.AFTER_FEED_WRITE && failOnce.getAndSet(false)) {
        throw new SimulatedError();
      }
    })) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> publishers.status(0).state() == PublisherStatus.State.FAILED);
      assertThat(publishers.status(0).failure()).get().isInstanceOf(SimulatedError.class);
      assertThat(fixture.feed.backlog(0).events()).as("written to the feed, not marked yet: counted").isEqualTo(3);

      publishers.restart(0);
      assertThat(publishers.status(0).state()).isEqualTo(PublisherStatus.State.RUNNING);
      await().atMost(Duration.ofSeconds(30)).until(() -> fixture.feed.allPublished());
      assertThat(fixture.feed.backlog(0).events()).isZero();
    }
    FeedTest.assertExactlyOnceInOrder(fixture.readAll(), Map.of(id, 3L));
  }

  /** Stands for an {@link Error} such as a {@link StackOverflowError} thrown inside a publishing step. */
  private static final class SimulatedError extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedError() {
      super("simulated error in a publishing step");
    }
  }
}
