package dev.es.it.generated;

import dev.es.annotations.Event;
import java.math.BigDecimal;

/** Revision 2: an amount with its currency. */
@Event(name = "MoneyDeposited", revision = 2)
public record MoneyDeposited(BigDecimal amount, String currency) implements WalletEvent {}
