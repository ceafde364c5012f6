package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.ProjectionControl;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ProjectionControl#positionsAt}: where a reset to an instant starts, found in the feed's timestamps. */
@CassandraTest
class ResetPositionsTest {

  @Test
  void aResetToAnInstantStartsAtTheFirstEventAppendedAfterItLessThePublishingSlack(CqlSession session,
      TestKeyspace keyspace) {
    Instant nine = Instant.parse("2026-01-05T09:00:00Z");
    SettableClock clock = new SettableClock(nine); // nothing else runs on it meanwhile: no lease is held
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(),
        FeedOptions.defaults().withBucketSize(7), store -> store.clock(clock));
    UUID id = UUID.randomUUID();
    long version = 0;
    for (int hour = 0; hour < 3; hour++) {
      clock.set(nine.plus(Duration.ofHours(hour)));
      for (int append = 0; append < 11; append++) { // 11 events an hour: the hours straddle buckets of 7
        version = fixture.append(id, version, 1);
      }
    }
    fixture.publishAll("publisher");
    ProjectionControl control = new ProjectionControl(fixture.feed);

    assertThat(control.positionsAt(Instant.parse("2026-01-05T08:00:00Z"))).isEqualTo(Map.of(0, 0L));
    assertThat(control.positionsAt(nine.plus(Duration.ofMinutes(30)))).isEqualTo(Map.of(0, 11L));
    assertThat(control.positionsAt(nine.plus(Duration.ofHours(2)))).isEqualTo(Map.of(0, 22L));
    assertThat(control.positionsAt(nine.plus(Duration.ofHours(2)).plus(ProjectionControl.PUBLISHING_SLACK)))
        .as("within the slack of the last hour's events").isEqualTo(Map.of(0, 22L));
    assertThat(control.positionsAt(nine.plus(Duration.ofHours(3)))).as("after every event: the head")
        .isEqualTo(Map.of(0, 33L));
  }
}
