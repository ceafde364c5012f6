package dev.es.runtime.projection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered consumer's row in the controls table.
 *
 * @param consumer the projection's name ({@code saga:<name>} for a saga's consumer)
 * @param registered when a runner first hosted it
 * @param paused whether an operator paused it: no runner handles its events until it is resumed
 * @param failure the last failure a runner stopped it on, until it is resumed
 * @param replay a replay asked for and not yet done: while there is one, the runners that do not carry it out hold
 *     the projection back
 * @param claimedUntil until when the runner that claimed the replay has it ({@link java.time.Instant#EPOCH} if none)
 */
record ConsumerControl(String consumer, Instant registered, boolean paused, Optional<ReportedFailure> failure,
    Optional<ReplayRequest> replay, Instant claimedUntil) {

  ConsumerControl {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(replay, "replay");
  }

  /** Whether runners must not handle its events: paused, or a replay is pending. */
  boolean heldBack() {
    return paused || replay.isPresent();
  }
}
