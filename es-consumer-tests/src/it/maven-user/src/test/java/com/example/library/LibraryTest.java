package com.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The user's code, generated code and es's runtime on a real Cassandra: store, load, snapshot, project. */
@CassandraTest
class LibraryTest {

  @Test
  void booksAreStoredLoadedAndProjected(CqlSession session, TestKeyspace keyspace) throws Exception {
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace.name())
        .build());
    store.initialize();
    BookRepository books = new BookRepository(store);
    UUID id = UUID.randomUUID();
    books.save(Book.add(id, "Dune"));
    books.update(id, book -> book.lendTo("ann"));
    books.update(id, Book::giveBack);
    books.update(id, book -> book.lendTo("bob"));

    Book book = books.load(id);
    assertEquals("Dune", book.title());
    assertEquals("bob", book.borrower());
    assertEquals(4, book.version());
    assertEquals(4, books.history(id).count());

    LoanTable loans = new LoanTable(session, keyspace.name());
    loans.initialize();
    Feed feed = new Feed(session, store, FeedOptions.defaults());
    feed.initialize();
    try (FeedPublishers publishers = feed.startPublishing("library");
        ProjectionRunner projections = ProjectionRunner.builder(feed)
            .add(new LoanProjector_Projection(new LoanProjector(loans)))
            .build()
            .start()) {
      assertEquals(Optional.of(new Loan(id, "Dune", "bob")), awaitBorrower(loans, id, "bob"));
      books.update(id, Book::giveBack);
      Optional<Loan> returned = awaitBorrower(loans, id, null);
      assertNull(returned.orElseThrow().borrower());
    }
  }

  private static Optional<Loan> awaitBorrower(LoanTable loans, UUID id, String borrower) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Optional<Loan> loan = loans.find(id);
    while (loan.map(row -> !java.util.Objects.equals(row.borrower(), borrower)).orElse(true)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      loan = loans.find(id);
    }
    return loan;
  }
}
