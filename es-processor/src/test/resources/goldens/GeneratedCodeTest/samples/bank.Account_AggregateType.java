package bank;

import dev.es.runtime.spi.AbstractAggregateType;
import dev.es.runtime.spi.EventType;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Account}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "BankAccount"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class Account_AggregateType extends AbstractAggregateType<Account, AccountEvent> {
  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public Account_AggregateType() {
    super("BankAccount", Account.class, AccountEvent.class, 10, 25, new Account_SnapshotSerializer(),
        EventType.newest("Opened", 1, Events.Opened.class),
        EventType.newest("Deposited", 1, Events.Deposited.class),
        EventType.newest("Withdrawn", 1, Events.Withdrawn.class));
  }

  @Override
  public Account create(UUID id) {
    return new Account(id);
  }

  @Override
  public Account apply(Account aggregate, AccountEvent event) {
    if (event instanceof Events.Opened e) {
      return aggregate.on(e);
    }
    if (event instanceof Events.Deposited e) {
      return aggregate.on(e);
    }
    if (event instanceof Events.Withdrawn e) {
      return aggregate.on(e);
    }
    throw new IllegalArgumentException("Aggregate BankAccount (bank.Account) has no @Apply method for " + event.getClass().getName());
  }
}
