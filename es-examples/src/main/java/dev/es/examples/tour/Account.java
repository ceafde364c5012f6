package dev.es.examples.tour;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.examples.tour.AccountEvent.AccountOpened;
import dev.es.examples.tour.AccountEvent.MoneyDeposited;
import dev.es.examples.tour.AccountEvent.MoneyWithdrawn;
import dev.es.runtime.AggregateRoot;
import java.math.BigDecimal;
import java.util.UUID;

// snippet:aggregate
/** A bank account: commands check and raise events, {@code @Apply} methods change the state. */
@EventSourced(snapshotEvery = 100)
public class Account extends AggregateRoot<AccountEvent> {

  String owner;                          // state: non-private, so generated code needs no reflection
  BigDecimal balance = BigDecimal.ZERO;

  Account(UUID id) {
    super(id);
  }

  public static Account open(UUID id, String owner) {
    Account account = new Account(id);
    account.raise(new AccountOpened(owner)); // applied through the generated dispatcher, kept as uncommitted
    return account;
  }

  public void deposit(BigDecimal amount) {
    raise(new MoneyDeposited(amount));
  }

  public void withdraw(BigDecimal amount) {
    if (balance.compareTo(amount) < 0) {
      throw new IllegalStateException("balance " + balance + " is less than " + amount);
    }
    raise(new MoneyWithdrawn(amount));
  }

  @Apply void on(AccountOpened e)  { owner = e.owner(); }
  @Apply void on(MoneyDeposited e) { balance = balance.add(e.amount()); }
  @Apply void on(MoneyWithdrawn e) { balance = balance.subtract(e.amount()); }

  public BigDecimal balance() {
    return balance;
  }
}
// end:aggregate
