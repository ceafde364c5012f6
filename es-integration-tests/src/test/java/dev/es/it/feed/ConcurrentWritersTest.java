package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Four writers append 10,000 events each while publishers and a catch-up projection run: the projection ends with
 * exactly the appended events, each aggregate's in version order, and a rebuild from zero gives the same model.
 */
@CassandraTest
class ConcurrentWritersTest {

  private static final int WRITERS = 4;
  private static final int EVENTS_PER_WRITER = 10_000;
  private static final int STREAMS_PER_WRITER = 25;
  private static final FeedOptions OPTIONS = FeedOptions.defaults()
      .withShards(2)
      .withPollInterval(Duration.ofMillis(20))
      .withLeaseDuration(Duration.ofSeconds(5));

  @Test
  void fourWritersTenThousandEventsEachExactlyOnceInOrderAndRebuildEqual(CqlSession session, TestKeyspace keyspace)
      throws Exception {
    FeedFixture fixture = new FeedFixture(session, keyspace.name(), OPTIONS);
    RecordingProjection projection = new RecordingProjection("orders");
    Map<UUID, Long> heads = new ConcurrentHashMap<>();
    try (FeedPublishers publishers = fixture.feed.startPublishing("publisher");
        ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(projection).batchSize(200).build()
            .start()) {
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> done = IntStream.range(0, WRITERS)
          .<Future<?>>mapToObj(w -> writers.submit(() -> write(fixture, new Random(w), heads)))
          .toList();
      for (Future<?> writer : done) {
        writer.get();
      }
      writers.shutdown();
      long appended = heads.values().stream().mapToLong(Long::longValue).sum();
      assertThat(appended).isEqualTo((long) WRITERS * EVENTS_PER_WRITER);

      await().atMost(Duration.ofMinutes(2)).until(() -> projection.count() >= appended);
      await().atMost(Duration.ofSeconds(10)).until(() -> runner.lag("orders") == 0);
      assertExactly(projection, heads, appended);
      Map<UUID, List<Long>> model = Map.copyOf(projection.versions());

      runner.rebuild("orders");
      await().atMost(Duration.ofMinutes(2)).until(() -> projection.count() >= appended);
      await().atMost(Duration.ofSeconds(10)).until(() -> runner.lag("orders") == 0);
      assertExactly(projection, heads, appended);
      assertThat(projection.versions()).isEqualTo(model);
    }
  }

  /** One writer: its own streams, 1–9 events per append, until it has appended its share. */
  private static void write(FeedFixture fixture, Random random, Map<UUID, Long> heads) {
    UUID[] streams = IntStream.range(0, STREAMS_PER_WRITER).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
    int left = EVENTS_PER_WRITER;
    while (left > 0) {
      UUID id = streams[random.nextInt(streams.length)];
      int count = Math.min(left, 1 + random.nextInt(9));
      heads.put(id, fixture.append(id, heads.getOrDefault(id, 0L), count));
      left -= count;
    }
  }

  private static void assertExactly(RecordingProjection projection, Map<UUID, Long> heads, long appended) {
    assertThat(projection.count()).isEqualTo(appended);
    heads.forEach((id, head) -> assertThat(projection.versions().get(id))
        .as("versions of %s", id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList()));
  }
}
