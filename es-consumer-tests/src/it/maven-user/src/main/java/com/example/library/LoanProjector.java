package com.example.library;

import com.example.library.BookEvent.BookAdded;
import com.example.library.BookEvent.BookLent;
import com.example.library.BookEvent.BookReturned;
import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.runtime.feed.FeedEvent;
import java.util.UUID;

/** Keeps {@link Loan} up to date. */
@Projector(name = "loans")
public class LoanProjector {

  private final LoanTable loans;

  public LoanProjector(LoanTable loans) {
    this.loans = loans;
  }

  @Handle void on(BookAdded e, FeedEvent event) {
    loans.upsert(new Loan(event.envelope().aggregateId(), e.title(), null));
  }

  @Handle void on(BookLent e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    loans.find(id).ifPresent(loan -> loans.upsert(new Loan(id, loan.title(), e.member())));
  }

  @Handle void on(BookReturned e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    loans.find(id).ifPresent(loan -> loans.upsert(new Loan(id, loan.title(), null)));
  }

  @Reset void clear() {
    loans.truncate();
  }
}
