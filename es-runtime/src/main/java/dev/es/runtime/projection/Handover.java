package dev.es.runtime.projection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the owner of a new slice range starts after its consumer was re-split, and which events the owners of the
 * previous ranges handled already. Those owners have stopped (released or expired leases) before it starts, so
 * their checkpoints no longer move: starting at the lowest loses nothing, and passing over an event of an old
 * range's slices below that range's checkpoint handles nothing twice.
 *
 * @param start the first position to read: the own checkpoint, or the lowest predecessor checkpoint if higher
 * @param handled per previous range overlapping this one, the position below which it handled its events
 */
record Handover(long start, List<Handled> handled) {

  /** The events of {@code range}'s slices below {@code below} were handled by that range's owner. */
  record Handled(SliceRange range, long below) {}

  Handover {
    handled = List.copyOf(handled);
  }

  /**
   * @param ownCheckpoint the new range's stored checkpoint (0 before its first)
   * @param predecessors the checkpoint of each previous range overlapping the new one
   */
  static Handover of(long ownCheckpoint, Map<SliceRange, Long> predecessors) {
    long lowest = predecessors.values().stream().mapToLong(Long::longValue).min().orElse(0);
    List<Handled> handled = predecessors.entrySet().stream()
        .map(entry -> new Handled(entry.getKey(), entry.getValue()))
        .toList();
    return new Handover(Math.max(ownCheckpoint, lowest), handled);
  }

  /** True if a previous owner handled this event already. */
  boolean handledBefore(UUID aggregateId, long position) {
    int slice = SliceRange.sliceOf(aggregateId);
    for (Handled previous : handled) {
      if (previous.range().contains(slice)) {
        return position < previous.below();
      }
    }
    return false;
  }
}
