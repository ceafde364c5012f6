package dev.es.it.lifecycle;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A mutable aggregate whose life ends: opened, commented, resolved, then its stream is closed and archived. */
@EventSourced(snapshots = true)
public class Ticket extends AggregateRoot<TicketEvent> {
  String title;
  List<String> comments = new ArrayList<>();
  boolean resolved;

  Ticket(UUID id) {
    super(id);
  }

  public static Ticket open(UUID id, String title) {
    Ticket ticket = new Ticket(id);
    ticket.raise(new TicketEvent.TicketOpened(title));
    return ticket;
  }

  public void comment(String text) {
    raise(new TicketEvent.TicketCommented(text));
  }

  public void resolve() {
    raise(new TicketEvent.TicketResolved());
  }

  @Apply
  void on(TicketEvent.TicketOpened e) {
    title = e.title();
  }

  @Apply
  void on(TicketEvent.TicketCommented e) {
    comments.add(e.text());
  }

  @Apply
  void on(TicketEvent.TicketResolved e) {
    resolved = true;
  }

  /** The state as one comparable value. */
  public TicketState state() {
    return new TicketState(id(), version(), title, List.copyOf(comments), resolved);
  }

  public record TicketState(UUID id, long version, String title, List<String> comments, boolean resolved) {}
}
