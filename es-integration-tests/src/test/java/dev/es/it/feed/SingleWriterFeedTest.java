package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import dev.es.runtime.AppendMode;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.internal.PublisherProgress;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed over single-writer (unconditional) appends: the publisher's marks must never hide an append that
 * raced them, although appends are plain writes and the marks are not ordered with them by a transaction. The
 * writers' clock runs one second behind Cassandra's, as a client's may: a mark stamped by Cassandra's clock would
 * then override the {@code dirty} mark of every append that followed it within that second.
 */
@CassandraTest
class SingleWriterFeedTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(200)
      .withMaxBatchEvents(25)
      .withPollInterval(Duration.ofMillis(5))
      .withLeaseDuration(Duration.ofMillis(800));

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private FeedFixture fixture;

  SingleWriterFeedTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeEach
  void freshTables() {
    fixture = FeedFixture.onFreshTables(clockBehind(session, 1_000_000), keyspace.name(), OPTIONS,
        AppendMode.SINGLE_WRITER);
  }

  /**
   * A session whose unlogged batches (the single-writer appends) are stamped {@code lagMicros} behind the local
   * clock, still strictly increasing like the driver's own timestamps.
   */
  private static CqlSession clockBehind(CqlSession real, long lagMicros) {
    AtomicLong last = new AtomicLong();
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (proxy, method, args) -> {
          if (args != null && args[0] instanceof BatchStatement batch
              && batch.getBatchType() == DefaultBatchType.UNLOGGED) {
            long now = System.currentTimeMillis() * 1000 - lagMicros;
            args[0] = batch.setQueryTimestamp(last.updateAndGet(previous -> Math.max(previous + 1, now)));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * Four writers, each the only writer of its five streams, append while one publisher per shard publishes and
   * clears {@code dirty} marks as fast as it can: every append races a mark.
   */
  @Test
  void appendsRacingThePublishersMarksAreAllPublishedOnceInOrderAndNoStreamStaysDirty() throws Exception {
    FeedFixture.Race race = fixture.appendRacingPublishers(5);
    race.publishTheRest();

    assertThat(race.publishedWhileWriting()).as("the publishers ran while the writers appended").isPositive();
    FeedTest.assertExactlyOnceInOrder(fixture.readAll(), race.heads());
    assertThat(fixture.feed.allPublished()).as("no stream left marked dirty").isTrue();
  }

  @Test
  void aPublisherThatDiedBeforeItsMarksIsRepairedByItsSuccessorAndTheStreamsEndClean() {
    Map<UUID, Long> streams = new java.util.HashMap<>();
    for (int i = 0; i < 12; i++) {
      UUID id = UUID.randomUUID();
      streams.put(id, fixture.append(id, 0, 1 + i % 4));
    }
    for (int shard = 0; shard < OPTIONS.shards(); shard++) {
      FeedPublisher dying = fixture.feed.publisher(shard, "dying", step -> {
        if (step == PublisherProgress.AFTER_FEED_WRITE) {
          throw new IllegalStateException("simulated crash");
        }
      });
      try {
        dying.publishOnce();
      } catch (IllegalStateException expected) {
        // the feed rows are written, no stream is marked
      }
    }

    FeedEventsAwait.untilLeasesExpire(OPTIONS);
    fixture.publishAll("successor");

    FeedTest.assertExactlyOnceInOrder(fixture.readAll(), streams);
    assertThat(fixture.feed.allPublished()).isTrue();
  }
}
