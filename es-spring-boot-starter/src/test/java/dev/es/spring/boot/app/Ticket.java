package dev.es.spring.boot.app;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import dev.es.spring.boot.app.TicketEvent.TicketClosed;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import java.util.UUID;

/** A support ticket: the test application's aggregate. */
@EventSourced
public class Ticket extends AggregateRoot<TicketEvent> {

  String title;
  boolean closed;

  Ticket(UUID id) {
    super(id);
  }

  public static Ticket open(UUID id, String title) {
    Ticket ticket = new Ticket(id);
    ticket.raise(new TicketOpened(id, title));
    return ticket;
  }

  public void close(String reason) {
    if (!closed) {
      raise(new TicketClosed(id(), reason));
    }
  }

  @Apply void on(TicketOpened e) { title = e.title(); }
  @Apply void on(TicketClosed e) { closed = true; }

  public String title() {
    return title;
  }

  public boolean closed() {
    return closed;
  }
}
