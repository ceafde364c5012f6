package dev.es.it.privacy;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/** A customer whose snapshots (every second event) hold its e-mail address in clear, as aggregate state does. */
@EventSourced(snapshotEvery = 2)
public class Customer extends AggregateRoot<CustomerEvent> {
  String email;
  String plan;

  Customer(UUID id) {
    super(id);
  }

  public static Customer register(UUID id, String email, String plan) {
    Customer customer = new Customer(id);
    customer.raise(new CustomerEvent.Registered(id, email, plan));
    return customer;
  }

  public void changeEmail(String newEmail) {
    raise(new CustomerEvent.EmailChanged(id(), newEmail));
  }

  public String email() {
    return email;
  }

  public String plan() {
    return plan;
  }

  @Apply
  void on(CustomerEvent.Registered e) {
    email = e.email();
    plan = e.plan();
  }

  @Apply
  void on(CustomerEvent.EmailChanged e) {
    email = e.email();
  }
}
