package com.example.library;

import com.example.library.BookEvent.BookAdded;
import com.example.library.BookEvent.BookLent;
import com.example.library.BookEvent.BookReturned;
import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/** A book that members borrow; snapshotted every two events so the snapshot serializer runs too. */
@EventSourced(snapshotEvery = 2)
public class Book extends AggregateRoot<BookEvent> {

  String title;
  String borrower;

  Book(UUID id) {
    super(id);
  }

  public static Book add(UUID id, String title) {
    Book book = new Book(id);
    book.raise(new BookAdded(title));
    return book;
  }

  public void lendTo(String member) {
    if (borrower != null) {
      throw new IllegalStateException("book " + id() + " is already lent to " + borrower);
    }
    raise(new BookLent(member));
  }

  public void giveBack() {
    raise(new BookReturned());
  }

  @Apply void on(BookAdded e) { title = e.title(); }
  @Apply void on(BookLent e) { borrower = e.member(); }
  @Apply void on(BookReturned e) { borrower = null; }

  public String title() {
    return title;
  }

  public String borrower() {
    return borrower;
  }
}
