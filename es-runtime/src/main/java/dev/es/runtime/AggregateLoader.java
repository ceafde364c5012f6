package dev.es.runtime;

import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.es.runtime.observation.Operation;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an aggregate's state: the newest usable snapshot, then only the events after it, one page at a time.
 * A snapshot that cannot be used is skipped with a warning; the events then rebuild the same state.
 */
final class AggregateLoader<A, E> {

  private static final Logger LOG = LoggerFactory.getLogger(AggregateLoader.class);

  private final CassandraEventStore store;
  private final AggregateType<A, E> type;
  private final SnapshotPolicy<A> snapshots;

  AggregateLoader(CassandraEventStore store, AggregateType<A, E> type, SnapshotPolicy<A> snapshots) {
    this.store = store;
    this.type = type;
    this.snapshots = snapshots;
  }

  /**
   * The state after the events up to {@code upToVersion}; empty if the aggregate has no event. A load that replayed
   * more events than the snapshot trigger allows writes a snapshot of the state it built, unless it read them from
   * the archive: the archiver deleted the stream's snapshots to free the tables that live streams use.
   */
  Optional<Versioned<A>> load(UUID id, long upToVersion) {
    Objects.requireNonNull(id, "id"); // before the snapshot read, which would send the null to Cassandra
    Operation operation = store.options().instrumentation().load(type.name());
    try {
      Versioned<A> start =
          newestUsableSnapshot(id, upToVersion).orElseGet(() -> new Versioned<>(type.create(id), 0));
      StreamEvents events = store.streamEvents(id, start.version() + 1, upToVersion);
      Optional<Versioned<A>> loaded = replay(id, start, events, operation);
      if (!events.fromArchive()) {
        loaded.ifPresent(end -> snapshots.afterLoad(id, end.state(), end.version(), end.version() - start.version()));
      }
      operation.end(Operation.OK, null);
      return loaded;
    } catch (UnauthorizedException e) {
      throw failed(operation, new PermissionDeniedException("cannot load " + type.name() + " " + id, e));
    } catch (RuntimeException e) {
      throw failed(operation, e);
    }
  }

  /** The state after the events appended at or before {@code instant}; empty if there were none. */
  Optional<Versioned<A>> loadAsOf(UUID id, Instant instant) {
    Objects.requireNonNull(id, "id");
    Operation operation = store.options().instrumentation().load(type.name());
    try {
      Optional<Versioned<A>> loaded =
          replay(id, new Versioned<>(type.create(id), 0), store.readStreamAsOf(id, 1, instant).iterator(), operation);
      operation.end(Operation.OK, null);
      return loaded;
    } catch (UnauthorizedException e) {
      throw failed(operation, new PermissionDeniedException("cannot load " + type.name() + " " + id + " as of "
          + instant, e));
    } catch (RuntimeException e) {
      throw failed(operation, e);
    }
  }

  /** Ends the operation as failed; returns the exception for the caller to throw. */
  private static RuntimeException failed(Operation operation, RuntimeException e) {
    operation.end(Operation.ERROR, e);
    return e;
  }

  /** The envelope with its payload typed as this aggregate's event. */
  @SuppressWarnings("unchecked")
  EventEnvelope<E> typed(EventEnvelope<Object> envelope) {
    if (!type.eventClass().isInstance(envelope.payload())) {
      throw new IllegalStateException("event '" + envelope.eventType() + "' at version " + envelope.version()
          + " of aggregate " + envelope.aggregateId() + " is a " + envelope.payload().getClass().getName()
          + ", not an event of aggregate type " + type.name() + " (" + type.eventClass().getName() + ")");
    }
    return (EventEnvelope<E>) (EventEnvelope<?>) envelope;
  }

  private Optional<Versioned<A>> replay(UUID id, Versioned<A> start, Iterator<EventEnvelope<Object>> events,
      Operation operation) {
    A state = start.state();
    long version = start.version();
    while (events.hasNext()) {
      EventEnvelope<E> event = typed(events.next());
      if (event.version() != version + 1) {
        throw new IllegalStateException("stream of aggregate " + id + " jumps from version " + version
            + " to " + event.version());
      }
      state = type.apply(state, event.payload());
      version = event.version();
      operation.read();
    }
    return version == 0 ? Optional.empty() : Optional.of(new Versioned<>(state, version));
  }

  private Optional<Versioned<A>> newestUsableSnapshot(UUID id, long upToVersion) {
    Optional<SnapshotSerializer<A>> serializer = type.snapshotSerializer();
    if (serializer.isEmpty()) {
      return Optional.empty();
    }
    String fingerprint = serializer.get().fingerprint();
    Iterator<StoredSnapshot> snapshots = store.snapshotsAtOrBelow(id, upToVersion).iterator();
    while (snapshots.hasNext()) {
      StoredSnapshot snapshot = snapshots.next();
      if (!fingerprint.equals(snapshot.fingerprint())) {
        LOG.warn("ignoring snapshot of {} {} at version {}: its fingerprint {} differs from the current {};"
            + " rebuilding from events", type.name(), id, snapshot.version(), snapshot.fingerprint(), fingerprint);
        continue;
      }
      try {
        return Optional.of(new Versioned<>(serializer.get().read(id, snapshot.state(),
            store.options().objectMapper()), snapshot.version()));
      } catch (RuntimeException e) {
        LOG.warn("ignoring unreadable snapshot of {} {} at version {}; rebuilding from events",
            type.name(), id, snapshot.version(), e);
      }
    }
    return Optional.empty();
  }
}
