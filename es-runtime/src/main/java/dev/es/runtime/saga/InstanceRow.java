package dev.es.runtime.saga;

import dev.es.runtime.internal.SagaStep;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One stored saga instance, as read before handling and written after. {@code version} 0 is an instance that is
 * not stored yet.
 */
record InstanceRow(
    UUID instance,
    String state,
    long version,
    boolean ended,
    boolean parked,
    String error,
    UUID parkedEvent,
    Set<UUID> handled,
    List<SagaDeadline> deadlines,
    List<Association> associations,
    List<StagedEvent> outbox,
    List<StagedEvent> compensations,
    Set<UUID> deferred) {

  InstanceRow {
    handled = Set.copyOf(handled);
    deadlines = List.copyOf(deadlines);
    associations = List.copyOf(associations);
    outbox = List.copyOf(outbox);
    compensations = List.copyOf(compensations);
    deferred = Set.copyOf(deferred);
  }

  static InstanceRow fresh(UUID instance, String state) {
    return new InstanceRow(instance, state, 0, false, false, null, null, Set.of(), List.of(), List.of(), List.of(),
        List.of(), Set.of());
  }

  boolean isNew() {
    return version == 0;
  }

  /** This row with other staged events: those to publish after its write, and the declared compensations. */
  InstanceRow withStaged(List<StagedEvent> nextOutbox, List<StagedEvent> nextCompensations) {
    return new InstanceRow(instance, state, version, ended, parked, error, parkedEvent, handled, deadlines,
        associations, nextOutbox, nextCompensations, deferred);
  }

  /** What the instance keeps besides its state, as a handler call sees it. */
  SagaStep.Pending<StagedEvent> pending() {
    return new SagaStep.Pending<>(deadlines, new LinkedHashSet<>(associations), compensations);
  }

  boolean hasPendingDeadline(UUID id) {
    return deadlines.stream().anyMatch(d -> d.id().equals(id));
  }
}
