package shop;

import dev.es.runtime.spi.AbstractAggregateType;
import dev.es.runtime.spi.EventType;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link User}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "User"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class User_AggregateType extends AbstractAggregateType<User, UserEvent> {
  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public User_AggregateType() {
    super("User", User.class, UserEvent.class, 50, 0, new User_SnapshotSerializer(),
        EventType.upcasting("UserRegistered", 1, UserRegisteredV1.class, older -> older.next()),
        EventType.newest("UserRegistered", 2, UserRegistered.class),
        EventType.newest("EmailChanged", 1, EmailChanged.class),
        EventType.newest("UserActivated", 1, UserActivated.class));
  }

  @Override
  public User create(UUID id) {
    return new User(id);
  }

  @Override
  public User apply(User aggregate, UserEvent event) {
    if (event instanceof UserRegistered e) {
      aggregate.on(e);
      return aggregate;
    }
    if (event instanceof EmailChanged e) {
      aggregate.on(e);
      return aggregate;
    }
    if (event instanceof UserActivated e) {
      aggregate.on(e);
      return aggregate;
    }
    throw new IllegalArgumentException("Aggregate User (shop.User) has no @Apply method for " + event.getClass().getName());
  }
}
