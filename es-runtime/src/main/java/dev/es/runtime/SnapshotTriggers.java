package dev.es.runtime;

import dev.es.runtime.spi.AggregateType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot triggers set at run time on one store, by aggregate type name. A type without one uses its
 * annotation's defaults ({@link AggregateType#snapshotEvery()}, {@link AggregateType#snapshotAfterReplaying()}).
 */
final class SnapshotTriggers {

  private final Map<String, SnapshotTrigger> set = new ConcurrentHashMap<>();

  SnapshotTrigger of(AggregateType<?, ?> type) {
    SnapshotTrigger trigger = set.get(type.name());
    return trigger != null ? trigger : new SnapshotTrigger(type.snapshotEvery(), type.snapshotAfterReplaying());
  }

  void set(AggregateType<?, ?> type, SnapshotTrigger trigger) {
    if (type.snapshotSerializer().isEmpty() && !trigger.equals(SnapshotTrigger.MANUAL)) {
      throw new IllegalStateException("aggregate type " + type.name() + " has no snapshot serializer, so it cannot"
          + " snapshot: declare @EventSourced(snapshots = true) on " + type.aggregateClass().getName());
    }
    set.put(type.name(), trigger);
  }

  void reset(AggregateType<?, ?> type) {
    set.remove(type.name());
  }
}
