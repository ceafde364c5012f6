package dev.es.spring.boot.app;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The starter's test application: its own aggregate, projector and saga, and no es wiring. The only bean it
 * declares is its read model's generated table, created in the store's keyspace.
 */
@SpringBootApplication
public class TicketApplication {

  @Bean
  TicketViewTable ticketViewTable(CqlSession session, CassandraEventStore store) {
    TicketViewTable table = new TicketViewTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }
}
