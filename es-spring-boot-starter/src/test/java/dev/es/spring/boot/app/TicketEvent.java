package dev.es.spring.boot.app;

import java.util.UUID;

/** The events of a support ticket. */
public sealed interface TicketEvent {
  /** A ticket was opened. */
  record TicketOpened(UUID ticket, String title) implements TicketEvent {}
  /** A ticket was closed, by a person or by the auto-closing saga. */
  record TicketClosed(UUID ticket, String reason) implements TicketEvent {}
}
