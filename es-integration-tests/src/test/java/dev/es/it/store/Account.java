package dev.es.it.store;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A mutable aggregate compiled by the processor, for the store's tests: snapshots only when a test sets a trigger
 * ({@code setSnapshotTrigger}), so that no other test writes one by chance.
 */
@EventSourced(snapshots = true)
public class Account extends AggregateRoot<AccountEvent> {
  String owner;
  BigDecimal balance = BigDecimal.ZERO;
  int movements;
  List<String> tags = new ArrayList<>();

  Account(UUID id) {
    super(id);
  }

  public static Account open(UUID id, String owner) {
    Account account = new Account(id);
    account.raise(new AccountEvent.Opened(owner, LocalDate.of(2026, 1, 2)));
    return account;
  }

  public void deposit(BigDecimal amount) {
    raise(new AccountEvent.Deposited(amount, "EUR"));
  }

  public void withdraw(BigDecimal amount) {
    if (balance.compareTo(amount) < 0) {
      throw new IllegalStateException("insufficient funds");
    }
    raise(new AccountEvent.Withdrawn(amount));
  }

  public void tag(String... newTags) {
    raise(new AccountEvent.Tagged(List.of(newTags)));
  }

  @Apply
  void on(AccountEvent.Opened e) {
    owner = e.owner();
  }

  @Apply
  void on(AccountEvent.Deposited e) {
    balance = balance.add(e.amount());
    movements++;
  }

  @Apply
  void on(AccountEvent.Withdrawn e) {
    balance = balance.subtract(e.amount());
    movements++;
  }

  @Apply
  void on(AccountEvent.Tagged e) {
    tags.addAll(e.tags());
  }

  /** The state as one comparable value. */
  public AccountState state() {
    return new AccountState(id(), version(), owner, balance, movements, List.copyOf(tags));
  }

  public record AccountState(
      UUID id, long version, String owner, BigDecimal balance, int movements, List<String> tags) {}
}
