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
 * Takes a snapshot when a save crosses a multiple of {@link AggregateType#snapshotEvery()}. The state is
 * serialized on the saving thread (the aggregate may change right after); the row is written on the configured
 * executor. A failed snapshot is only logged: the events are stored, and loading works without it.
 */
final class SnapshotPolicy<A> {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPolicy.class);

  private final CassandraEventStore store;
  private final AggregateType<A, ?> type;

  SnapshotPolicy(CassandraEventStore store, AggregateType<A, ?> type) {
    this.store = store;
    this.type = type;
  }

  void afterSave(UUID id, A state, long previousVersion, long currentVersion) {
    int every = type.snapshotEvery();
    Optional<SnapshotSerializer<A>> serializer = type.snapshotSerializer();
    if (every <= 0 || serializer.isEmpty() || previousVersion / every == currentVersion / every) {
      return;
    }
    StoredSnapshot snapshot;
    try {
      snapshot = new StoredSnapshot(id, type.name(), currentVersion, serializer.get().fingerprint(),
          serializer.get().write(state), store.options().clock().instant().truncatedTo(ChronoUnit.MILLIS));
    } catch (RuntimeException e) {
      LOG.warn("cannot serialize snapshot of {} {} at version {}", type.name(), id, currentVersion, e);
      return;
    }
    try {
      store.options().snapshotExecutor().execute(() -> write(snapshot));
    } catch (RejectedExecutionException e) {
      LOG.warn("snapshot of {} {} at version {} rejected by the snapshot executor", type.name(), id,
          currentVersion, e);
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
