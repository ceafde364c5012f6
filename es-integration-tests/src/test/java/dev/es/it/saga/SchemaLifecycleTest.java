package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.MissingTableException;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Each component's tables come from its {@code initialize()}, never from building a runner: the feed's (with the
 * consumer tables every runner uses) from {@link Feed#initialize()}, the sagas' from
 * {@link SagaRunner#initialize(Feed)}. A runner built before them fails at once with a {@link MissingTableException}
 * naming the table and the call that creates it, and creates nothing.
 */
@CassandraTest
class SchemaLifecycleTest {

  /** Far below the minute a missing table is waited for while the schema is not in agreement. */
  private static final Duration AT_ONCE = Duration.ofSeconds(10);

  private static final Set<String> FEED_TABLES = Set.of("feed", "leases", "parked_events", "consumer_layouts",
      "consumer_controls", "admin_audit", "feed_retention", "feed_trimmed");
  private static final Set<String> SAGA_TABLES = Set.of("saga_instances", "saga_associations", "saga_deadlines",
      "saga_deadline_buckets", "saga_parked");

  private final CqlSession session;
  private final String keyspace;

  SchemaLifecycleTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace.name();
  }

  @Test
  void runnersCreateNoTableAndABuildBeforeTheInitializeThatCreatesItsTablesFailsNamingTableAndCall() {
    CassandraEventStore store = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace).createKeyspace(false).build(),
        new EventRegistry().registerAll(OrderEvents.TYPES));
    store.initialize();
    Set<String> storeTables = tables();
    Feed feed = new Feed(session, store, StoreAndFeed.OPTIONS);

    assertMissing(() -> ProjectionRunner.builder(feed).add(nothing()).build(), "leases", "feed.initialize()");
    assertMissing(() -> SagaRunner.builder(feed).add(OrderSaga.TYPE).build(), "saga_instances",
        "SagaRunner.initialize(feed)");
    assertThat(tables()).as("a failed build creates no table").isEqualTo(storeTables);

    feed.initialize();
    feed.initialize();
    assertThat(tables()).as("the feed's and its consumers' tables, from feed.initialize()")
        .isEqualTo(union(storeTables, FEED_TABLES));
    ProjectionRunner.builder(feed).add(nothing()).build().close();
    assertMissing(() -> SagaRunner.builder(feed).add(OrderSaga.TYPE).build(), "saga_instances",
        "SagaRunner.initialize(feed)");
    assertThat(tables()).as("building a projection runner creates no table")
        .isEqualTo(union(storeTables, FEED_TABLES));

    SagaRunner.initialize(feed);
    SagaRunner.initialize(feed);
    assertThat(tables()).as("the saga tables, from SagaRunner.initialize(feed)")
        .isEqualTo(union(union(storeTables, FEED_TABLES), SAGA_TABLES));
    try (SagaRunner runner = SagaRunner.builder(feed).add(OrderSaga.TYPE).build()) {
      assertThat(runner.names()).containsExactly(OrderSaga.TYPE.name());
    }
  }

  private void assertMissing(ThrowingCallable build, String table, String call) {
    long start = System.nanoTime();
    assertThatThrownBy(build)
        .isInstanceOfSatisfying(MissingTableException.class, e -> {
          assertThat(e.table()).isEqualTo(keyspace + "." + table);
          assertThat(e.createdBy()).isEqualTo(call);
        })
        .hasMessageStartingWith("table " + keyspace + "." + table + " does not exist: call " + call + " first");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed at once").isLessThan(AT_ONCE);
  }

  private Set<String> tables() {
    Set<String> names = new TreeSet<>();
    for (Row row : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
      names.add(row.getString("table_name"));
    }
    return names;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Projection nothing() {
    return new Projection() {
      @Override
      public String name() {
        return "nothing";
      }

      @Override
      public void handle(FeedEvent event) {}
    };
  }
}
