package shop;

import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link User}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "User"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class User_AggregateType implements AggregateType<User, UserEvent> {
  private static final List<EventType<?>> EVENT_TYPES = List.of(
      EventType.upcasting("UserRegistered", 1, UserRegisteredV1.class, older -> older.next()),
      EventType.current("UserRegistered", 2, UserRegistered.class),
      EventType.current("EmailChanged", 1, EmailChanged.class),
      EventType.current("UserActivated", 1, UserActivated.class));

  private static final Optional<SnapshotSerializer<User>> SNAPSHOT_SERIALIZER = Optional.of(new User_SnapshotSerializer());

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public User_AggregateType() {
  }

  @Override
  public String name() {
    return "User";
  }

  @Override
  public Class<User> aggregateClass() {
    return User.class;
  }

  @Override
  public Class<UserEvent> eventClass() {
    return UserEvent.class;
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

  @Override
  public List<EventType<?>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public int snapshotEvery() {
    return 50;
  }

  @Override
  public Optional<SnapshotSerializer<User>> snapshotSerializer() {
    return SNAPSHOT_SERIALIZER;
  }
}
