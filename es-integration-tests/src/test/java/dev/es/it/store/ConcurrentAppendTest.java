package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@CassandraTest
class ConcurrentAppendTest {

  private static final int THREADS = 16;
  private static final int ATTEMPTS = 500;

  @Test
  void concurrentWritersGetAGaplessStreamWithEverySuccessfulAppendExactlyOnceAndOnlyConflictsOtherwise(
      CqlSession session, TestKeyspace keyspace) throws Exception {
    CassandraEventStore store = Stores.create(session, keyspace);
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(),
        List.of(new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 1))));

    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    List<UUID> appendedIds = Collections.synchronizedList(new ArrayList<>());
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService writers = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      writers.execute(() -> {
        try {
          start.await();
          while (attempts.incrementAndGet() <= ATTEMPTS) {
            long read = store.currentVersion(id);
            // one or two events per append, so a batch is visibly all-or-nothing
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i <= thread % 2; i++) {
              events.add(NewEvent.of(new AccountEvent.Deposited(BigDecimal.valueOf(thread), "EUR")));
            }
            try {
              AppendResult result = store.appendEvents("Account", id, ExpectedVersion.exactly(read), events);
              assertThat(result.previousVersion()).isEqualTo(read);
              events.forEach(e -> appendedIds.add(e.eventId()));
            } catch (ConcurrencyConflictException conflict) {
              conflicts.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      });
    }
    start.countDown();
    writers.shutdown();
    assertThat(writers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

    assertThat(unexpected).isEmpty();
    List<EventEnvelope<Object>> stream = store.readStream(id).toList();
    long successes = ATTEMPTS - conflicts.get();
    assertThat(successes).isPositive();
    assertThat(stream).extracting(EventEnvelope::version)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, stream.size()).boxed().toList());
    assertThat(stream.subList(1, stream.size())).extracting(EventEnvelope::eventId)
        .containsExactlyInAnyOrderElementsOf(appendedIds)
        .doesNotHaveDuplicates();
    assertThat(store.currentVersion(id)).isEqualTo(stream.size());
    System.out.printf("%d attempts: %d appended (%d events), %d conflicts%n",
        ATTEMPTS, successes, appendedIds.size(), conflicts.get());
  }
}
