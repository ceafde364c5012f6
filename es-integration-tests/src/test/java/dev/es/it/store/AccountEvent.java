package dev.es.it.store;

import dev.es.annotations.Event;
import dev.es.annotations.Upcast;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Events of the test aggregate {@link Account}. */
public sealed interface AccountEvent
    permits AccountEvent.Opened, AccountEvent.Deposited, AccountEvent.Withdrawn, AccountEvent.Tagged {

  @Event(name = "AccountOpened")
  record Opened(String owner, LocalDate openedOn) implements AccountEvent {}

  /** Revision 2: an amount with a currency. */
  @Event(revision = 2)
  record Deposited(BigDecimal amount, String currency) implements AccountEvent {}

  record Withdrawn(BigDecimal amount) implements AccountEvent {}

  record Tagged(List<String> tags) implements AccountEvent {}

  /** Revision 1 of Deposited, still in old streams: cents, always euros. */
  @Event(name = "Deposited", revision = 1)
  record DepositedV1(long cents) {
    @Upcast
    Deposited upcast() {
      return new Deposited(BigDecimal.valueOf(cents, 2), "EUR");
    }
  }
}
