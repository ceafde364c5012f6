package com.example.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without the BOM, the driver connects and Jackson serializes with the versions es was tested with. */
@CassandraTest
class VisitsTest {

  @Test
  void visitsAreCountedInCassandra(CqlSession session, TestKeyspace keyspace) {
    CassandraEventStore store =
        new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace.name()).build());
    store.initialize();
    VisitsRepository visits = new VisitsRepository(store);
    UUID page = UUID.randomUUID();
    visits.create(page, none -> List.of(new Visited(Instant.parse("2026-01-01T00:00:00Z"))));
    visits.execute(page, current -> List.of(new Visited(Instant.now())));

    assertEquals(2, visits.load(page).count());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), visits.history(page).findFirst().orElseThrow().payload().at());
  }
}
