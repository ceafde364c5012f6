package dev.es.it.generated;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.List;
import java.util.UUID;

/** An immutable sample aggregate, compiled by the real processor; snapshots every 5 events. */
@EventSourced(snapshotEvery = 5)
public record Budget(UUID id, String name, long limit, long spent, int expenses) {

  Budget(UUID id) {
    this(id, null, 0, 0, 0);
  }

  /** The command: the events booking an expense, refused beyond the limit. */
  public List<BudgetEvent> book(String what, long amount) {
    if (spent + amount > limit) {
      throw new IllegalStateException("budget " + name + " has only " + (limit - spent) + " left");
    }
    return List.of(new BudgetEvent.ExpenseBooked(what, amount));
  }

  @Apply
  Budget on(BudgetEvent.Created event) {
    return new Budget(id, event.name(), event.limit(), spent, expenses);
  }

  @Apply
  Budget on(BudgetEvent.ExpenseBooked event) {
    return new Budget(id, name, limit, spent + event.amount(), expenses + 1);
  }

  @Apply
  Budget on(BudgetEvent.LimitRaised event) {
    return new Budget(id, name, limit + event.by(), spent, expenses);
  }
}
