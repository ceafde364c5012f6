package dev.es.runtime;

import dev.es.runtime.spi.AggregateType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Loads and appends to immutable aggregates: records whose {@code @Apply} methods return the next state.
 * Commands are functions from the current state to the events they decide.
 *
 * @param <A> the aggregate record
 * @param <E> its event type
 */
public class RecordAggregateRepository<A extends Record, E> extends AbstractAggregateRepository<A, E> {

  public RecordAggregateRepository(CassandraEventStore store, AggregateType<A, E> type) {
    super(store, type);
  }

  /** @throws AggregateNotFoundException if the aggregate has no event */
  public Versioned<A> loadVersioned(UUID id) {
    return existing(id);
  }

  /** @throws AggregateNotFoundException if the aggregate has no event */
  public A load(UUID id) {
    return loadVersioned(id).state();
  }

  public Optional<A> findById(UUID id) {
    return current(id).map(Versioned::state);
  }

  /**
   * Appends events after exactly {@code expectedVersion} (0: a new aggregate) and returns the new state.
   *
   * @throws ConcurrencyConflictException if the stream is not at {@code expectedVersion}
   * @throws StreamClosedException if the stream is closed
   */
  public Versioned<A> append(UUID id, long expectedVersion, List<? extends E> events) {
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expected version must be 0 or more, was " + expectedVersion);
    }
    Versioned<A> current = expectedVersion == 0
        ? new Versioned<>(type.create(id), 0)
        : loader.load(id, expectedVersion).orElseGet(() -> new Versioned<>(type.create(id), 0));
    if (current.version() < expectedVersion) {
      throw new ConcurrencyConflictException(id, ExpectedVersion.exactly(expectedVersion), current.version());
    }
    return appendTo(id, current, events);
  }

  /**
   * Load, decide, append; after a conflict, all three again (bounded, with jittered backoff). {@code decide} may
   * run several times and returns no events when there is nothing to do.
   *
   * @return the state after the decided events
   */
  public A execute(UUID id, Function<A, List<? extends E>> decide) {
    return ConflictRetry.run(store.options().conflictRetries(),
        () -> store.options().instrumentation().updateRetried(type.name()), () -> {
      Versioned<A> current = loadVersioned(id);
      return appendTo(id, current, decide.apply(current.state())).state();
    });
  }

  /**
   * Starts a new aggregate from {@code type.create(id)}.
   *
   * @throws ConcurrencyConflictException if the aggregate already exists
   */
  public A create(UUID id, Function<A, List<? extends E>> decide) {
    A initial = type.create(id);
    List<? extends E> events = decide.apply(initial);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("creating " + type.name() + " " + id + " decided no events");
    }
    return appendTo(id, new Versioned<>(initial, 0), events).state();
  }

  public A loadAtVersion(UUID id, long version) {
    return atVersion(id, version).state();
  }

  public A loadAsOf(UUID id, Instant instant) {
    return asOf(id, instant).state();
  }

  private Versioned<A> appendTo(UUID id, Versioned<A> current, List<? extends E> events) {
    if (events.isEmpty()) {
      return current;
    }
    A state = current.state();
    for (E event : events) {
      state = type.apply(state, event);
    }
    AppendResult result;
    try {
      result = store.append(type.name(), id, ExpectedVersion.exactly(current.version()), events);
    } catch (AfterAppendListenerException stored) {
      snapshots.afterSave(id, state, current.version(), stored.result().currentVersion());
      throw stored;
    }
    snapshots.afterSave(id, state, current.version(), result.currentVersion());
    return new Versioned<>(state, result.currentVersion());
  }
}
