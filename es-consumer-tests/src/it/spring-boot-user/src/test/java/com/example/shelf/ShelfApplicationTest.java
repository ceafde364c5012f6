package com.example.shelf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.es.testkit.CassandraCluster;
import dev.es.testkit.SharedCassandra;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The user's application on a real Cassandra: the generated repository saves, the projector projects. */
@SpringBootTest(properties = "spring.cassandra.request.timeout=30s")
class ShelfApplicationTest {

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    CassandraCluster cluster = SharedCassandra.get();
    registry.add("spring.cassandra.contact-points", () -> cluster.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
    registry.add("spring.cassandra.local-datacenter", cluster::localDatacenter);
    registry.add("es.keyspace", () -> "shelf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  @Autowired BookRepository books;
  @Autowired ShelfTable shelf;

  @Test
  void booksAreSavedLoadedAndProjected() throws InterruptedException {
    UUID id = UUID.randomUUID();
    books.save(Book.shelve(id, "Dune"));
    books.update(id, book -> book.lendTo("ann"));
    assertEquals("ann", books.load(id).borrower());

    long deadline = System.nanoTime() + 60_000_000_000L;
    Optional<Shelf> row = shelf.find(id);
    while ((row.isEmpty() || row.get().borrower() == null) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      row = shelf.find(id);
    }
    assertEquals(Optional.of(new Shelf(id, "Dune", "ann")), row);
  }
}
