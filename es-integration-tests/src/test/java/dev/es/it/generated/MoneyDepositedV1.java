package dev.es.it.generated;

import dev.es.annotations.Event;
import dev.es.annotations.Upcast;
import java.math.BigDecimal;

/** Revision 1 of {@link MoneyDeposited}, as stored before currencies existed: cents, always euros. */
@Event(name = "MoneyDeposited", revision = 1)
public record MoneyDepositedV1(long cents) {

  @Upcast
  MoneyDeposited next() {
    return new MoneyDeposited(BigDecimal.valueOf(cents, 2), "EUR");
  }
}
