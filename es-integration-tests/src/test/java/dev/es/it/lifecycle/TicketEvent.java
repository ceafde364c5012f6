package dev.es.it.lifecycle;

/** Events of the test aggregate {@link Ticket}. */
public sealed interface TicketEvent
    permits TicketEvent.TicketOpened, TicketEvent.TicketCommented, TicketEvent.TicketResolved {

  record TicketOpened(String title) implements TicketEvent {}

  record TicketCommented(String text) implements TicketEvent {}

  record TicketResolved() implements TicketEvent {}
}
