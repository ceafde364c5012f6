package dev.es.it.generated;

import dev.es.annotations.Event;

/** Events of the record aggregate {@link Budget}. */
public sealed interface BudgetEvent {

  @Event(name = "BudgetCreated")
  record Created(String name, long limit) implements BudgetEvent {}

  @Event(name = "ExpenseBooked")
  record ExpenseBooked(String what, long amount) implements BudgetEvent {}

  @Event(name = "LimitRaised")
  record LimitRaised(long by) implements BudgetEvent {}
}
