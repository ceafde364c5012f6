package com.example.shelf;

import com.example.shelf.BookEvent.BookLent;
import com.example.shelf.BookEvent.BookShelved;
import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/** A book: the aggregate. */
@EventSourced
public class Book extends AggregateRoot<BookEvent> {

  String title;
  String borrower;

  Book(UUID id) {
    super(id);
  }

  public static Book shelve(UUID id, String title) {
    Book book = new Book(id);
    book.raise(new BookShelved(id, title));
    return book;
  }

  public void lendTo(String who) {
    raise(new BookLent(id(), who));
  }

  @Apply void on(BookShelved e) { title = e.title(); }
  @Apply void on(BookLent e) { borrower = e.borrower(); }

  public String borrower() {
    return borrower;
  }
}
