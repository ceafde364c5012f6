package dev.es.runtime;

import dev.es.runtime.internal.AggregateTypes;
import dev.es.runtime.spi.AggregateType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the repositories of mutable ({@link AggregateRootRepository}) and record ({@link RecordAggregateRepository})
 * aggregates share: reading history and past states, snapshot control, existence.
 *
 * @param <A> the aggregate
 * @param <E> its event type
 */
public abstract class AbstractAggregateRepository<A, E> {

  final CassandraEventStore store;
  final AggregateType<A, E> type;
  final AggregateLoader<A, E> loader;
  final SnapshotPolicy<A> snapshots;

  AbstractAggregateRepository(CassandraEventStore store, AggregateType<A, E> type) {
    this.store = store;
    this.type = type;
    this.snapshots = new SnapshotPolicy<>(store, type);
    this.loader = new AggregateLoader<>(store, type, snapshots);
    store.registry().register(type);
    AggregateTypes.register(type);
  }

  /** The current state and version: newest usable snapshot plus the events after it. */
  final Optional<Versioned<A>> current(UUID id) {
    return loader.load(id, Long.MAX_VALUE);
  }

  /** @throws AggregateNotFoundException if the aggregate has no event */
  final Versioned<A> existing(UUID id) {
    return current(id).orElseThrow(() -> new AggregateNotFoundException(type.name(), id));
  }

  /** The state right after event {@code version}. */
  final Versioned<A> atVersion(UUID id, long version) {
    return RepositoryReads.atVersion(loader, type.name(), id, version);
  }

  /** The state made of the events appended at or before {@code instant}. */
  final Versioned<A> asOf(UUID id, Instant instant) {
    return loader.loadAsOf(id, instant)
        .orElseThrow(() -> new AggregateNotFoundException(type.name(), id, " as of " + instant));
  }

  /** All events of the aggregate, oldest first, read lazily page by page. */
  public Stream<EventEnvelope<E>> history(UUID id) {
    return store.readStream(id).map(loader::typed);
  }

  /**
   * Writes a snapshot of the aggregate's current state now (on the calling thread), whatever the trigger says; the
   * next load starts from it.
   *
   * @return the version the snapshot was taken at
   * @throws AggregateNotFoundException if the aggregate has no event
   * @throws IllegalStateException if the aggregate type has no snapshot serializer (declare
   *     {@code @EventSourced(snapshots = true)})
   */
  public long snapshot(UUID id) {
    Versioned<A> current = existing(id);
    snapshots.takeNow(id, current.state(), current.version());
    return current.version();
  }

  /** When this aggregate type is snapshotted automatically: the run-time setting, else the annotation's. */
  public SnapshotTrigger snapshotTrigger() {
    return snapshots.trigger();
  }

  /**
   * Replaces the snapshot trigger of this aggregate type for every repository on the same store, from the next
   * save or load on.
   *
   * @throws IllegalStateException if the trigger snapshots and the type has no snapshot serializer
   */
  public void setSnapshotTrigger(SnapshotTrigger trigger) {
    snapshots.setTrigger(Objects.requireNonNull(trigger, "trigger"));
  }

  /** Goes back to the annotation's snapshot trigger. */
  public void resetSnapshotTrigger() {
    snapshots.resetTrigger();
  }

  /** Whether the aggregate has at least one event. */
  public boolean exists(UUID id) {
    return store.exists(id);
  }

  /**
   * Closes the aggregate's stream at its current version, for good: every later save or append to it fails with
   * {@link StreamClosedException}; loads and history go on as before. Closing it again changes nothing.
   *
   * @return the stream as it was closed
   * @throws AggregateNotFoundException if the aggregate has no event
   * @see CassandraEventStore#closeStream
   */
  public ClosedStream close(UUID id) {
    return store.closeStream(type.name(), id, ExpectedVersion.any());
  }

  /**
   * Closes the aggregate's stream if nothing was appended after {@code expectedVersion} (the version it was loaded
   * at), as {@link #close(UUID)} does.
   *
   * @throws ConcurrencyConflictException if the stream is open and at another version
   * @throws IllegalArgumentException if {@code expectedVersion} is below 1
   */
  public ClosedStream close(UUID id, long expectedVersion) {
    if (expectedVersion < 1) {
      throw new IllegalArgumentException("a stream is closed at version 1 or more, was " + expectedVersion);
    }
    return store.closeStream(type.name(), id, ExpectedVersion.exactly(expectedVersion));
  }

  /** Whether the aggregate's stream is closed. One single-partition read. */
  public boolean isClosed(UUID id) {
    return store.closedStream(id).isPresent();
  }
}
