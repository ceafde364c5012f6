package dev.es.runtime.saga;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A saga instance as stored: for operations and tests.
 *
 * @param saga the saga's name
 * @param instanceId the instance
 * @param state its state after the last handled event or deadline
 * @param version how many times it was written
 * @param ended true once a handler ended it
 * @param parked true once a handler kept failing: it handles nothing more until an operator steps in
 * @param error why it was parked: the saga, instance, event and the last failure
 * @param parkedEvent the event or deadline id it was parked on
 * @param handled ids of every event and deadline applied to it, each exactly once
 * @param pendingDeadlines deadlines that will fire unless cancelled
 * @param deferred events that reached it while it was parked, not handled
 * @param unpublishedEvents events decided by the last handler and not yet confirmed appended (0 normally; more
 *     only between a state write and its publication, e.g. after a crash there, until the instance is touched)
 * @param <S> the state type
 */
public record SagaInstance<S>(
    String saga,
    UUID instanceId,
    S state,
    long version,
    boolean ended,
    boolean parked,
    Optional<String> error,
    Optional<UUID> parkedEvent,
    Set<UUID> handled,
    List<SagaDeadline> pendingDeadlines,
    Set<UUID> deferred,
    int unpublishedEvents) {}
