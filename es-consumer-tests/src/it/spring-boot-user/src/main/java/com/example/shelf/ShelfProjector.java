package com.example.shelf;

import com.example.shelf.BookEvent.BookLent;
import com.example.shelf.BookEvent.BookShelved;
import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import org.springframework.stereotype.Component;

/** Keeps the shelf up to date; a bean, so the starter runs it on the feed. */
// snippet:projector-bean
@Component
@Projector(name = "shelf")
public class ShelfProjector {

  private final ShelfTable shelf;

  public ShelfProjector(ShelfTable shelf) {
    this.shelf = shelf;
  }

  @Handle void on(BookShelved e) {
    shelf.upsert(new Shelf(e.book(), e.title(), null));
  }

  @Handle void on(BookLent e) {
    shelf.find(e.book()).ifPresent(row -> shelf.upsert(new Shelf(row.book(), row.title(), e.borrower())));
  }
}
// end:projector-bean
