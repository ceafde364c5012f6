package dev.es.examples.tour;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.examples.tour.AccountEvent.AccountOpened;
import dev.es.examples.tour.AccountEvent.MoneyDeposited;
import dev.es.examples.tour.AccountEvent.MoneyWithdrawn;
import dev.es.runtime.feed.FeedEvent;
import java.math.BigDecimal;
import java.util.UUID;

// snippet:projector
/** Keeps AccountBalance up to date; the processor generates AccountBalanceProjector_Projection. */
@Projector(name = "account-balances")
public class AccountBalanceProjector {

  private final AccountBalanceTable table;

  public AccountBalanceProjector(AccountBalanceTable table) {
    this.table = table;
  }

  @Handle void on(AccountOpened e, FeedEvent event) {
    table.upsert(new AccountBalance(event.envelope().aggregateId(), e.owner(), BigDecimal.ZERO));
  }

  @Handle void on(MoneyDeposited e, FeedEvent event) {
    change(event.envelope().aggregateId(), e.amount());
  }

  @Handle void on(MoneyWithdrawn e, FeedEvent event) {
    change(event.envelope().aggregateId(), e.amount().negate());
  }

  @Reset void clear() {
    table.truncate();
  }

  private void change(UUID id, BigDecimal delta) {
    table.find(id).ifPresent(row -> table.upsert(new AccountBalance(id, row.owner(), row.balance().add(delta))));
  }
}
// end:projector
