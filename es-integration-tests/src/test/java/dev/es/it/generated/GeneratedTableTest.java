package dev.es.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking operations of the table that the real es-processor generated for {@link Reading}
 * ({@code ReadingTable}), against Cassandra: reads and writes, paging, write timestamps, and preparation on
 * first use.
 */
@CassandraTest
class GeneratedTableTest {

  /** More than one page at the driver's default page size of 5,000 rows. */
  private static final int MANY = 5_050;

  private static CqlSession session;
  private static String keyspace;
  private static ReadingTable readings;

  @BeforeAll
  static void createTable(CqlSession cqlSession, TestKeyspace testKeyspace) {
    session = cqlSession;
    keyspace = testKeyspace.name();
    readings = new ReadingTable(session, keyspace);
    readings.initialize();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get();
  }

  @Test
  void writesReadsAndDeletesWithoutBlocking() throws Exception {
    ReadingTable fresh = new ReadingTable(session, keyspace); // first use is asynchronous: prepareAsync
    await(fresh.upsertAsync(new Reading("m-1", 10, 100)));
    await(fresh.upsertAsync(new Reading("m-1", 20, 200)));

    assertThat(await(fresh.findAsync("m-1", 10))).contains(new Reading("m-1", 10, 100));
    assertThat(await(fresh.findAsync("m-1", 11))).isEmpty();
    assertThat(readings.find("m-1", 20)).contains(new Reading("m-1", 20, 200)); // same rows, blocking API

    await(fresh.deleteAsync("m-1", 10));
    assertThat(await(fresh.findByPartitionAsync("m-1"))).containsExactly(new Reading("m-1", 20, 200));
    await(fresh.deletePartitionAsync("m-1"));
    assertThat(await(fresh.findByPartitionAsync("m-1"))).isEmpty();
  }

  @Test
  void findByPartitionAsyncReadsEveryPageInClusteringOrder() throws Exception {
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (long at = MANY - 1; at >= 0; at--) {
      inFlight.acquire();
      writes.add(readings.upsertAsync(new Reading("m-many", at, at * 2)).toCompletableFuture()
          .whenComplete((done, failure) -> inFlight.release()));
    }
    CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get();

    List<Reading> all = await(readings.findByPartitionAsync("m-many"));

    assertThat(all).hasSize(MANY);
    assertThat(all).extracting(Reading::at).containsExactlyElementsOf(LongStream.range(0, MANY).boxed().toList());
    assertThat(all).allSatisfy(reading -> assertThat(reading.value()).isEqualTo(reading.at() * 2));
  }

  @Test
  void aWriteAtALowerTimestampNeverOverwritesOneAtAHigherWhateverTheirOrder() throws Exception {
    await(readings.upsertAsync(new Reading("m-ts", 1, 3), 3)); // version 3 first
    await(readings.upsertAsync(new Reading("m-ts", 1, 2), 2)); // version 2 handled again after a crash
    assertThat(await(readings.findAsync("m-ts", 1))).contains(new Reading("m-ts", 1, 3));

    await(readings.deleteAsync("m-ts", 1, 4));
    await(readings.upsertAsync(new Reading("m-ts", 1, 3), 3)); // an earlier write cannot bring the row back
    assertThat(await(readings.findAsync("m-ts", 1))).isEmpty();
    await(readings.upsertAsync(new Reading("m-ts", 1, 5), 5));
    assertThat(await(readings.findAsync("m-ts", 1))).contains(new Reading("m-ts", 1, 5));
  }

  @Test
  void upsertAllAsyncWritesRowsOfOnePartitionInOneBatchAndRefusesRowsOfTwo() throws Exception {
    await(readings.upsertAllAsync(List.of(new Reading("m-batch", 1, 10), new Reading("m-batch", 2, 20))));
    await(readings.upsertAllAsync(List.of()));
    assertThat(await(readings.findByPartitionAsync("m-batch"))).containsExactly(
        new Reading("m-batch", 1, 10), new Reading("m-batch", 2, 20));

    await(readings.upsertAllAsync(List.of(new Reading("m-batch-ts", 2, 21), new Reading("m-batch-ts", 3, 30)), 5));
    await(readings.upsertAllAsync(List.of(new Reading("m-batch-ts", 3, 29)), 4)); // earlier: loses to the batch at 5
    assertThat(await(readings.findByPartitionAsync("m-batch-ts"))).containsExactly(
        new Reading("m-batch-ts", 2, 21), new Reading("m-batch-ts", 3, 30));
    IllegalArgumentException twoPartitions =
        assertThrows(IllegalArgumentException.class,
            () -> readings.upsertAllAsync(List.of(new Reading("m-a", 1, 1), new Reading("m-b", 1, 1))));
    assertThat(twoPartitions).hasMessage(
        "upsertAllAsync writes rows of one partition, but these rows are in two: (meter=m-a) and (meter=m-b)");
  }

  @Test
  void initializeIsIdempotentAndSafeToRunConcurrently() throws Exception {
    await(readings.upsertAsync(new Reading("m-init", 1, 1)));

    CompletableFuture.allOf(IntStream.range(0, 4)
        .mapToObj(call -> CompletableFuture.runAsync(new ReadingTable(session, keyspace)::initialize))
        .toArray(CompletableFuture<?>[]::new)).get();

    assertThat(readings.find("m-init", 1)).contains(new Reading("m-init", 1, 1));
  }

  @Test
  void aFailedPreparationFailsTheStageAndTheNextUsePreparesAgain() throws Exception {
    ReadingTable missing = new ReadingTable(session, keyspace + "_missing");

    CompletionStage<Optional<Reading>> stage = missing.findAsync("m-1", 1); // returns; does not throw

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> await(stage));
    assertThat(failed.getCause()).hasMessageContaining(keyspace + "_missing");
    session.execute("CREATE KEYSPACE " + keyspace + "_missing WITH replication = {'class': 'SimpleStrategy',"
        + " 'replication_factor': 1}");
    try {
      missing.initialize();
      await(missing.upsertAsync(new Reading("m-1", 1, 7)));
      assertThat(await(missing.findAsync("m-1", 1))).contains(new Reading("m-1", 1, 7));
    } finally {
      session.execute("DROP KEYSPACE " + keyspace + "_missing");
    }
  }
}
