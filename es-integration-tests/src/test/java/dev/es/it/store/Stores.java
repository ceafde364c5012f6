package dev.es.it.store;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.testkit.TestKeyspace;
import java.util.function.Consumer;

/** Builds stores on the test class's keyspace. */
final class Stores {

  private Stores() {}

  /** An initialized store with default options that knows the Account and Counter events. */
  static CassandraEventStore create(CqlSession session, TestKeyspace keyspace) {
    return create(session, keyspace, options -> {});
  }

  /**
   * A store of Account events over {@code session} (a wrapped one that injects faults) on tables that
   * {@link #create} made already: nothing is created.
   */
  static CassandraEventStore over(CqlSession session, TestKeyspace keyspace, AppendMode mode) {
    return new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace.name()).appendMode(mode).build(),
        EventRegistry.of(new Account_AggregateType()));
  }

  static CassandraEventStore create(
      CqlSession session, TestKeyspace keyspace, Consumer<EventStoreOptions.Builder> customize) {
    EventStoreOptions.Builder options = EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false);
    customize.accept(options);
    CassandraEventStore store =
        new CassandraEventStore(session, options.build(),
            EventRegistry.of(new Account_AggregateType(), new Counter_AggregateType()));
    store.initialize();
    return store;
  }
}
