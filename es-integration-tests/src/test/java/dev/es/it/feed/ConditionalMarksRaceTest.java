package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.feed.FeedOptions;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher marks streams with plain writes ordered by timestamps, while conditional appends are Paxos
 * transactions: these tests prove the two premises of that ordering on the node they run against, and that no
 * append racing a mark is hidden by it.
 */
@CassandraTest
class ConditionalMarksRaceTest {

  /** UUID time (100 ns since 1582-10-15) of the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withBucketSize(200)
      .withMaxBatchEvents(25)
      .withPollInterval(Duration.ofMillis(5))
      .withLeaseDuration(Duration.ofMillis(800));

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private FeedFixture fixture;

  ConditionalMarksRaceTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeEach
  void freshTables() {
    fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
  }

  /**
   * {@code writetime(head)} of a conditional append is its Paxos ballot's time, and it grows strictly with each
   * append of the stream: so a write stamped one microsecond after it is never later than the next append.
   */
  @Test
  void aConditionalAppendIsWrittenAtItsBallotWhoseTimeGrowsStrictlyWithEveryAppend() {
    UUID id = UUID.randomUUID();
    UUID tableId = session.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
        keyspace.name(), "events").one().getUuid("id");
    ByteBuffer key = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).flip();
    long previous = Long.MIN_VALUE;
    for (long version = 0; version < 30; version++) {
      fixture.append(id, version, 1);
      long written = session.execute("SELECT writetime(head) AS w FROM events WHERE aggregate_id = ? LIMIT 1", id)
          .one().getLong("w");
      Row paxos = session.execute("SELECT most_recent_commit_at FROM system.paxos WHERE row_key = ? AND cf_id = ?",
          key, tableId).one();
      assertThat(written).as("append %d is later than append %d", version + 1, version).isGreaterThan(previous);
      if (paxos != null) { // Paxos v1 keeps its state there; v2 elsewhere
        UUID ballot = paxos.getUuid("most_recent_commit_at");
        assertThat(written).as("writetime(head) is the ballot's time").isEqualTo(
            (ballot.timestamp() - UUID_EPOCH_OFFSET) / 10);
      }
      previous = written;
    }
  }

  /**
   * Four writers, each with three streams of its own, append conditionally while one publisher per shard marks
   * streams as fast as it can. When the writers stop, no stream is clean but unpublished; then everything is
   * published once, in order.
   */
  @Test
  void conditionalAppendsRacingPlainMarksAreNeverHiddenByThem() throws Exception {
    FeedFixture.Race race = fixture.appendRacingPublishers(3);

    assertThat(race.publishedWhileWriting()).as("the publishers ran while the writers appended").isPositive();
    for (Row stream : session.execute("SELECT aggregate_id, head, published, dirty FROM events PER PARTITION LIMIT 1")) {
      if (!stream.getBoolean("dirty")) {
        assertThat(stream.getLong("published")).as("clean stream %s is published to its head",
            stream.getUuid("aggregate_id")).isEqualTo(stream.getLong("head"));
      }
    }
    race.publishTheRest();
    FeedTest.assertExactlyOnceInOrder(fixture.readAll(), race.heads());
    assertThat(fixture.feed.allPublished()).as("no stream left marked dirty").isTrue();
  }
}
