package dev.es.runtime;

import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of one aggregate type: after a save that crosses a multiple of the trigger's {@code every},
 * after a load that replayed more than its {@code afterReplaying} events, and by hand. The trigger is the
 * store's run-time setting for the type, else the annotation's default. The state is serialized on the calling
 * thread (the aggregate may change right after); automatic snapshots are written on the configured executor, and
 * a failed one is only logged: the events are stored, and loading works without it.
 */
final class SnapshotPolicy<A> {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPolicy.class);

  private final CassandraEventStore store;
  private final AggregateType<A, ?> type;

  SnapshotPolicy(CassandraEventStore store, AggregateType<A, ?> type) {
    this.store = store;
    this.type = type;
  }

  SnapshotTrigger trigger() {
    return store.snapshotTriggers().of(type);
  }

  void setTrigger(SnapshotTrigger trigger) {
    store.snapshotTriggers().set(type, trigger);
  }

  void resetTrigger() {
    store.snapshotTriggers().reset(type);
  }

  void afterSave(UUID id, A state, long previousVersion, long currentVersion) {
    if (trigger().afterSave(previousVersion, currentVersion)) {
      inBackground(id, state, currentVersion);
    }
  }

  void afterLoad(UUID id, A state, long version, long replayed) {
    if (trigger().afterLoad(replayed)) {
      inBackground(id, state, version);
    }
  }

  /**
   * Writes a snapshot of {@code state} at {@code version} now, on the calling thread.
   *
   * @throws IllegalStateException if the aggregate type has no snapshot serializer
   */
  void takeNow(UUID id, A state, long version) {
    store.saveSnapshot(serialize(id, state, version, serializer().orElseThrow(() -> new IllegalStateException(
        "aggregate type " + type.name() + " has no snapshot serializer, so " + id + " cannot be snapshotted:"
            + " declare @EventSourced(snapshots = true) on " + type.aggregateClass().getName()))));
  }

  private Optional<SnapshotSerializer<A>> serializer() {
    return type.snapshotSerializer();
  }

  private StoredSnapshot serialize(UUID id, A state, long version, SnapshotSerializer<A> serializer) {
    return new StoredSnapshot(id, type.name(), version, serializer.fingerprint(),
        serializer.write(state, store.options().objectMapper()),
        store.options().clock().instant().truncatedTo(ChronoUnit.MILLIS));
  }

  private void inBackground(UUID id, A state, long version) {
    if (serializer().isEmpty()) {
      return;
    }
    StoredSnapshot snapshot;
    try {
      snapshot = serialize(id, state, version, serializer().get());
    } catch (RuntimeException e) {
      LOG.warn("cannot serialize snapshot of {} {} at version {}", type.name(), id, version, e);
      return;
    }
    try {
      store.options().snapshotExecutor().execute(() -> write(snapshot));
    } catch (RejectedExecutionException e) {
      LOG.warn("snapshot of {} {} at version {} rejected by the snapshot executor", type.name(), id, version, e);
    }
  }

  private void write(StoredSnapshot snapshot) {
    try {
      store.saveSnapshot(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("cannot store snapshot of {} {} at version {}", type.name(), snapshot.aggregateId(),
          snapshot.version(), e);
    }
  }
}
