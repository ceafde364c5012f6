package dev.es.runtime;

import dev.es.runtime.spi.AggregateType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Loads and saves mutable aggregates ({@link AggregateRoot} subclasses). Generated repositories extend it:
 * {@code public UserRepository(CassandraEventStore store) { super(store, new User_AggregateType()); }}.
 *
 * @param <A> the aggregate class
 * @param <E> its event type
 */
public class AggregateRootRepository<A extends AggregateRoot<E>, E> extends AbstractAggregateRepository<A, E> {

  public AggregateRootRepository(CassandraEventStore store, AggregateType<A, E> type) {
    super(store, type);
  }

  /** @throws AggregateNotFoundException if the aggregate has no event */
  public A load(UUID id) {
    return findById(id).orElseThrow(() -> new AggregateNotFoundException(type.name(), id));
  }

  /** The current state: newest usable snapshot plus the events after it. */
  public Optional<A> findById(UUID id) {
    return current(id).map(this::restored);
  }

  /**
   * Appends the aggregate's uncommitted events expecting the version it was loaded at, marks them committed,
   * then snapshots per the aggregate's policy. Does nothing without uncommitted events.
   *
   * @throws ConcurrencyConflictException if another writer saved first (nothing was written)
   * @throws StreamClosedException if the aggregate's stream is closed (nothing was written)
   * @throws AfterAppendListenerException if saved, but a listener failed (the aggregate is committed)
   */
  public void save(A aggregate) {
    List<E> events = aggregate.uncommittedEvents();
    if (events.isEmpty()) {
      return;
    }
    long previous = aggregate.version();
    AppendResult result;
    try {
      result = store.append(type.name(), aggregate.id(), ExpectedVersion.exactly(previous), events);
    } catch (AfterAppendListenerException stored) {
      committed(aggregate, previous, stored.result());
      throw stored;
    }
    committed(aggregate, previous, result);
  }

  /**
   * Load, change, save; after a conflict, all three again (bounded by
   * {@link EventStoreOptions#conflictRetries()}, with jittered backoff). {@code change} may run several times.
   *
   * @return the saved aggregate
   */
  public A update(UUID id, Consumer<A> change) {
    return ConflictRetry.run(store.options().conflictRetries(),
        () -> store.options().instrumentation().updateRetried(type.name()), () -> {
      A aggregate = load(id);
      change.accept(aggregate);
      save(aggregate);
      return aggregate;
    });
  }

  /** The state right after event {@code version}. */
  public A loadAtVersion(UUID id, long version) {
    return restored(atVersion(id, version));
  }

  /** The state made of the events appended at or before {@code instant}. */
  public A loadAsOf(UUID id, Instant instant) {
    return restored(asOf(id, instant));
  }

  @SuppressWarnings("unchecked")
  private A restored(Versioned<A> versioned) {
    A aggregate = versioned.state();
    aggregate.restoredAt(versioned.version(), (AggregateType<AggregateRoot<E>, E>) (AggregateType<?, ?>) type);
    return aggregate;
  }

  private void committed(A aggregate, long previous, AppendResult result) {
    aggregate.markCommitted(result.currentVersion());
    snapshots.afterSave(aggregate.id(), aggregate, previous, result.currentVersion());
  }
}
