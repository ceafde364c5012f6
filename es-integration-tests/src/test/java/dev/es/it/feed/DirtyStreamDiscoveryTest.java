package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Between sweeps of the {@code dirty} index, a publisher looks only for streams with recently stamped events. A
 * stream whose events were stamped long before (a writer's clock behind) is still published: at once by a publisher
 * that takes the shard over, and by the next sweep of one that is running.
 */
@CassandraTest
class DirtyStreamDiscoveryTest {

  private final CqlSession session;
  private final TestKeyspace keyspace;

  DirtyStreamDiscoveryTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Test
  void aStreamStampedLongAgoIsPublishedByTheNextSweepOfARunningPublisher() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), FeedOptions.defaults());
    FeedFixture behind = writerWithClockBehind(Duration.ofHours(1));
    FeedPublisher publisher = fixture.feed.publisher(0, "publisher");
    UUID recent = UUID.randomUUID();
    fixture.append(recent, 0, 2);
    assertThat(FeedFixture.publishAll(publisher)).isEqualTo(2);

    UUID late = UUID.randomUUID();
    behind.append(late, 0, 3);
    fixture.append(recent, 2, 1);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      publisher.publishOnce();
      assertThat(fixture.readAll()).extracting(e -> e.envelope().aggregateId()).contains(late);
    });
    List<FeedEvent> feed = fixture.readAll();
    assertThat(feed).as("every event once").hasSize(6);
    for (UUID stream : List.of(recent, late)) {
      assertThat(feed).filteredOn(e -> e.envelope().aggregateId().equals(stream))
          .extracting(e -> e.envelope().version()).as("stream %s in version order", stream).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void aPublisherThatTakesTheShardOverPublishesStreamsStampedLongAgoAtOnce() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), FeedOptions.defaults());
    FeedFixture behind = writerWithClockBehind(Duration.ofDays(2));
    UUID late = UUID.randomUUID();
    behind.append(late, 0, 2);

    FeedPublisher publisher = fixture.feed.publisher(0, "publisher");
    assertThat(publisher.publishOnce()).as("the first step after taking the shard over sweeps").isEqualTo(2);
    assertThat(fixture.readAll()).extracting(e -> e.envelope().aggregateId()).containsExactly(late, late);
  }

  /** A second store on the same tables whose clock is {@code lag} behind: its events are stamped that far back. */
  private FeedFixture writerWithClockBehind(Duration lag) {
    SettableClock clock = new SettableClock(Instant.now().minus(lag));
    return new FeedFixture(session, keyspace.name(), FeedOptions.defaults(), store -> store.clock(clock));
  }
}
