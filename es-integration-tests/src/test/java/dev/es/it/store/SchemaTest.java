package dev.es.it.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.Replication;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

@CassandraTest
class SchemaTest {

  private final CqlSession session;
  private final TestKeyspace keyspace;

  SchemaTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /** A session that counts every call made on it and does nothing else. */
  private static CqlSession countingSession(AtomicInteger calls) {
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (proxy, method, args) -> {
          calls.incrementAndGet();
          throw new AssertionError("CQL session used: " + method.getName());
        });
  }

  @Test
  void anInvalidIdentifierIsRefusedBeforeAnyCqlIsSent() {
    AtomicInteger calls = new AtomicInteger();
    CqlSession counting = countingSession(calls);
    List<Consumer<EventStoreOptions.Builder>> invalid = List.of(
        b -> b.eventsTable("events; DROP TABLE x"),
        b -> b.snapshotsTable("snap\"shots"),
        b -> b.keyspace("Events"),
        b -> b.keyspace("select"),
        b -> b.eventsTable("a".repeat(49)),
        b -> b.keyspace(""));

    for (Consumer<EventStoreOptions.Builder> change : invalid) {
      assertThatThrownBy(() -> {
        EventStoreOptions.Builder builder = EventStoreOptions.builder().keyspace(keyspace.name());
        change.accept(builder);
        new CassandraEventStore(counting, builder.build()).initialize();
      }).isInstanceOf(InvalidIdentifierException.class);
    }
    assertThatThrownBy(() -> EventStoreOptions.builder().keyspace(keyspace.name())
        .eventsTable("events; DROP TABLE x").build())
        .hasMessageContaining("'events; DROP TABLE x'").hasMessageContaining("events table");
    assertThat(calls).hasValue(0);
  }

  @Test
  void initializeIsIdempotentAndSafeToRunConcurrently() throws Exception {
    EventStoreOptions options = EventStoreOptions.builder().keyspace(keyspace.name())
        .eventsTable("concurrent_events").snapshotsTable("concurrent_snapshots").build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<CassandraEventStore>> initializers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      initializers.add(() -> {
        CassandraEventStore store = new CassandraEventStore(session, options);
        store.registry().register(new Account_AggregateType());
        store.initialize();
        return store;
      });
    }
    List<CassandraEventStore> stores = new ArrayList<>();
    for (Future<CassandraEventStore> f : pool.invokeAll(initializers)) {
      stores.add(f.get());
    }
    pool.shutdown();
    stores.get(0).initialize();

    UUID id = UUID.randomUUID();
    stores.get(1).append("Account", id, ExpectedVersion.noStream(),
        List.of(new AccountEvent.Opened("ann", LocalDate.MIN)));
    assertThat(stores.get(2).readStream(id).toList()).hasSize(1);
    assertThat(session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = '"
        + keyspace.name() + "' AND table_name = 'concurrent_events'").all())
        .extracting(row -> row.getString("index_name"))
        .containsExactlyInAnyOrder("concurrent_events_event_type_idx", "concurrent_events_agg_type_idx",
            "concurrent_events_ts_idx", "concurrent_events_dirty_idx");
  }

  @Test
  void createsTheKeyspaceWhenAsked() {
    String name = keyspace.name() + "_own";
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder().keyspace(name)
        .createKeyspace(Replication.simple(1)).build());
    try {
      store.initialize();
      store.initialize();
      assertThat(session.getMetadata().getKeyspace(name)).isPresent();
      assertThat(session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = '"
          + name + "'").one().getMap("replication", String.class, String.class))
          .containsEntry("replication_factor", "1");
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + name);
    }
  }
}
