package shop;

import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link User}. Do not edit.
 *
 * <p>The repository of {@link User} aggregates (type name {@code "User"}), with events of type
 * {@link UserEvent}. It offers, from {@link AggregateRootRepository}: {@code load}, {@code findById}, {@code save},
 * {@code update} (load, change, save, retried on a concurrency conflict), {@code history},
 * {@code loadAtVersion}, {@code loadAsOf(Instant)} and {@code exists}.
 *
 * <p>Snapshots: by hand with {@code snapshot(id)}; by default every 50 events,
 * and never after a load (change with {@code setSnapshotTrigger}).
 */
@Generated("dev.es.processor.EsProcessor")
public final class UserRepository extends AggregateRootRepository<User, UserEvent> {
  /**
   * A repository of {@link User} aggregates in {@code store}.
   */
  public UserRepository(CassandraEventStore store) {
    super(store, new User_AggregateType());
  }
}
