package bank;

import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Account}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "BankAccount"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class Account_AggregateType implements AggregateType<Account, AccountEvent> {
  private static final List<EventType<?>> EVENT_TYPES = List.of(
      EventType.current("Opened", 1, Events.Opened.class),
      EventType.current("Deposited", 1, Events.Deposited.class),
      EventType.current("Withdrawn", 1, Events.Withdrawn.class));

  private static final Optional<SnapshotSerializer<Account>> SNAPSHOT_SERIALIZER = Optional.of(new Account_SnapshotSerializer());

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public Account_AggregateType() {
  }

  @Override
  public String name() {
    return "BankAccount";
  }

  @Override
  public Class<Account> aggregateClass() {
    return Account.class;
  }

  @Override
  public Class<AccountEvent> eventClass() {
    return AccountEvent.class;
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

  @Override
  public List<EventType<?>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public int snapshotEvery() {
    return 10;
  }

  @Override
  public Optional<SnapshotSerializer<Account>> snapshotSerializer() {
    return SNAPSHOT_SERIALIZER;
  }
}
