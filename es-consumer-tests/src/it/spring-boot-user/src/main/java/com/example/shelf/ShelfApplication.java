package com.example.shelf;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application: es is wired by es-spring-boot-starter; only the read model's table is declared here. */
// snippet:application
@SpringBootApplication
public class ShelfApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShelfApplication.class, args);
  }

  @Bean
  ShelfTable shelfTable(CqlSession session, CassandraEventStore store) {
    ShelfTable table = new ShelfTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }
}
// end:application
