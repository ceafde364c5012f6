package dev.es.examples.tour;

import java.math.BigDecimal;

// snippet:events
/** The events of a bank account: plain records, grouped by a sealed interface. */
public sealed interface AccountEvent {
  record AccountOpened(String owner) implements AccountEvent {}
  record MoneyDeposited(BigDecimal amount) implements AccountEvent {}
  record MoneyWithdrawn(BigDecimal amount) implements AccountEvent {}
}
// end:events
