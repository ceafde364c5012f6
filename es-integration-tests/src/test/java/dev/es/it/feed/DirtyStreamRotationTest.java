package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A publisher finds dirty streams a thousand at a time (one index query): the next query goes on after the last
 * stream the one before found, so streams that keep getting dirty at low tokens cannot starve the high ones.
 */
@CassandraTest
class DirtyStreamRotationTest {

  /** How many streams one query of the publisher finds (DirtyStreamFinder.ROWS_PER_QUERY, each stream with one event). */
  private static final int PER_QUERY = 1_000;

  private final CqlSession session;
  private final TestKeyspace keyspace;

  DirtyStreamRotationTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Test
  void aStreamBeyondTheFirstQueryIsPublishedBeforeTheFirstQuerysStreamsAgain() {
    FeedFixture fixture = FeedFixture.onFreshTables(session, keyspace.name(), FeedOptions.defaults());
    List<UUID> streams = IntStream.rangeClosed(0, PER_QUERY).mapToObj(i -> UUID.randomUUID()).toList();
    streams.parallelStream().forEach(id -> fixture.append(id, 0, 1));
    FeedPublisher publisher = fixture.feed.publisher(0, "publisher");

    assertThat(publisher.publishOnce()).as("the first query's streams, in one step").isEqualTo(PER_QUERY);
    Set<UUID> firstQuery = new HashSet<>();
    fixture.readAll().forEach(e -> firstQuery.add(e.envelope().aggregateId()));
    UUID beyond = streams.stream().filter(id -> !firstQuery.contains(id)).findFirst().orElseThrow();
    // the low tokens get dirty again before the publisher looks for dirty streams once more
    firstQuery.parallelStream().forEach(id -> fixture.append(id, 1, 1));
    FeedFixture.publishAll(publisher);

    List<FeedEvent> rest = fixture.readAll().subList(PER_QUERY, 2 * PER_QUERY + 1);
    assertThat(rest).hasSize(PER_QUERY + 1);
    assertThat(rest.get(0).envelope().aggregateId())
        .as("the stream the first query did not reach comes first").isEqualTo(beyond);
  }
}
