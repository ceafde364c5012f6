package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.projection.EventCounts;
import dev.es.runtime.projection.EventStatistics;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in event statistics count every published event exactly once per event type and aggregate type, also
 * when the same feed rows are delivered again: to a counter that raced another one, and to a counter whose write
 * was applied but whose answer was lost.
 */
@CassandraTest
class EventStatisticsTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults().withShards(3).withBucketSize(40);

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private FeedFixture fixture;

  EventStatisticsTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeEach
  void freshTablesWithEvents() {
    fixture = FeedFixture.onFreshTables(session, keyspace.name(), OPTIONS);
    session.execute("DROP TABLE IF EXISTS " + keyspace.name() + "." + EventStatistics.TABLE);
    for (int i = 0; i < 12; i++) {
      fixture.append(UUID.randomUUID(), 0, 10); // 120 Noted of Notebook
    }
    // another service's events, in the same store: this process cannot decode Filed, the statistics count it
    CassandraEventStore otherService = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace.name()).createKeyspace(false).build(),
        new EventRegistry().register(EventType.current("Filed", 1, Filed.class)));
    otherService.initialize();
    for (int i = 0; i < 7; i++) {
      otherService.append("Cabinet", UUID.randomUUID(), ExpectedVersion.noStream(),
          List.of(new Filed("a"), new Filed("b"), new Filed("c")));
    }
    FeedFixture.publishAll(fixture.feed.publisher(0, "p"));
    FeedFixture.publishAll(fixture.feed.publisher(1, "p"));
    FeedFixture.publishAll(fixture.feed.publisher(2, "p"));
  }

  @Test
  void countsEveryEventOncePerTypeReadInOneQuery() {
    EventStatistics statistics = new EventStatistics(fixture.feed, 25);
    statistics.initialize();
    assertThat(statistics.read().total()).isZero();
    assertThat(statistics.catchUp()).isEqualTo(141);
    assertExact(statistics.read());
    assertThat(statistics.catchUp()).isZero();
    assertExact(statistics.read());

    fixture.append(UUID.randomUUID(), 0, 5);
    FeedFixture.publishAll(fixture.feed.publisher(0, "p"));
    FeedFixture.publishAll(fixture.feed.publisher(1, "p"));
    FeedFixture.publishAll(fixture.feed.publisher(2, "p"));
    assertThat(statistics.catchUp()).isEqualTo(5);
    EventCounts counts = statistics.read();
    assertThat(counts.ofEventType("Noted")).isEqualTo(125);
    assertThat(counts.ofAggregateType("Notebook")).isEqualTo(125);
    assertThat(counts.total()).isEqualTo(146);
  }

  @Test
  void rowsDeliveredAgainToACounterThatLostARaceAreNotCountedTwice() {
    EventStatistics rival = new EventStatistics(fixture.feed, 1_000);
    rival.initialize();
    AtomicBoolean raced = new AtomicBoolean();
    // just before the first counter's first conditional write, the rival counts the same rows and writes first
    EventStatistics first = new EventStatistics(feedOn(interceptingWrites(statement -> {
      if (raced.compareAndSet(false, true)) {
        rival.catchUp();
      }
    }, false)), 1_000);
    first.initialize();
    first.catchUp();

    assertThat(raced).isTrue();
    assertThat(first.lostRaces()).isEqualTo(1);
    assertExact(first.read());
    assertExact(rival.read());
  }

  @Test
  void rowsDeliveredAgainAfterAWriteWhoseAnswerWasLostAreNotCountedTwice() {
    AtomicBoolean lost = new AtomicBoolean();
    EventStatistics counter = new EventStatistics(feedOn(interceptingWrites(statement -> lost.set(true), true)), 30);
    counter.initialize();
    assertThatThrownBy(counter::catchUp).hasMessageContaining("answer lost");
    assertThat(lost).isTrue();
    assertThat(counter.read().total()).as("the write was applied").isBetween(1L, 30L);

    counter.catchUp(); // reads the same shard again: its row says where to go on
    assertExact(counter.read());
  }

  private static void assertExact(EventCounts counts) {
    assertThat(counts.byEventType()).isEqualTo(Map.of("Noted", 120L, "Filed", 21L));
    assertThat(counts.byAggregateType()).isEqualTo(Map.of("Notebook", 120L, "Cabinet", 21L));
    assertThat(counts.total()).isEqualTo(141);
  }

  private Feed feedOn(CqlSession proxy) {
    CassandraEventStore store = new CassandraEventStore(proxy, EventStoreOptions.builder()
        .keyspace(keyspace.name()).createKeyspace(false).build());
    return new Feed(proxy, store, OPTIONS);
  }

  /**
   * A session that runs {@code beforeFirst} before the first conditional write to the statistics table; with
   * {@code loseAnswer}, it applies that write and then throws as if its answer had been lost.
   */
  private CqlSession interceptingWrites(Consumer<Statement<?>> beforeFirst, boolean loseAnswer) {
    AtomicBoolean done = new AtomicBoolean();
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (self, method, args) -> {
          boolean first = method.getName().equals("execute") && args != null && args.length == 1
              && args[0] instanceof BoundStatement bound
              && bound.getPreparedStatement().getQuery().startsWith("UPDATE ")
              && bound.getPreparedStatement().getQuery().contains(EventStatistics.TABLE)
              && done.compareAndSet(false, true);
          if (first && !loseAnswer) {
            beforeFirst.accept((Statement<?>) args[0]);
          }
          Object result;
          try {
            result = method.invoke(session, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (first && loseAnswer) {
            beforeFirst.accept((Statement<?>) args[0]);
            throw new IllegalStateException("answer lost after the write was applied");
          }
          return result;
        });
  }
}
