package dev.es.it.generated;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.math.BigDecimal;
import java.util.UUID;

/** A mutable sample aggregate, compiled by the real processor; snapshots every 10 events. */
@EventSourced(snapshotEvery = 10)
public class Wallet extends AggregateRoot<WalletEvent> {

  String owner;
  BigDecimal balance = BigDecimal.ZERO;
  int movements;

  Wallet(UUID id) {
    super(id);
  }

  public static Wallet open(UUID id, String owner) {
    Wallet wallet = new Wallet(id);
    wallet.raise(new WalletOpened(owner));
    return wallet;
  }

  public void deposit(String amount) {
    raise(new MoneyDeposited(new BigDecimal(amount), "EUR"));
  }

  public void withdraw(String amount) {
    BigDecimal value = new BigDecimal(amount);
    if (balance.compareTo(value) < 0) {
      throw new IllegalStateException("insufficient funds in wallet " + id());
    }
    raise(new MoneyWithdrawn(value));
  }

  @Apply
  void on(WalletOpened event) {
    owner = event.owner();
  }

  @Apply
  void on(MoneyDeposited event) {
    balance = balance.add(event.amount());
    movements++;
  }

  @Apply
  void on(MoneyWithdrawn event) {
    balance = balance.subtract(event.amount());
    movements++;
  }

  /** The whole state as one comparable value; the balance as plain text without trailing zeros (1.50 is "1.5"). */
  public State state() {
    return new State(id(), version(), owner, balance.stripTrailingZeros().toPlainString(), movements);
  }

  public record State(UUID id, long version, String owner, String balance, int movements) {}
}
