package dev.es.runtime.projection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * How a consumer's (a projection's or a saga's) work on one feed shard is split: generation {@code g}'s slice
 * ranges, each handled by one owner under a lease of its own, and what a range of this generation takes over from
 * ({@link Predecessor}s: one per range of generation {@code g - 1}). Generation 0 is the layout of a consumer that
 * was never split: one range of every slice, under the lease {@code projection:<name>:<shard>}, so its checkpoint is
 * kept when it is first split.
 *
 * @param consumer the projection's name ({@code saga:<name>} for a saga's consumer)
 * @param shard the feed shard
 * @param generation grows by one with every change
 * @param ranges this generation's ranges: disjoint, together every slice, in slice order
 * @param previous what the ranges take over from: disjoint, together every slice, in slice order
 */
record ConsumerLayout(String consumer, int shard, long generation, List<SliceRange> ranges,
    List<Predecessor> previous) {

  /**
   * A range of the previous generation as its successors see it.
   *
   * @param range its slices
   * @param checkpointLease its lease, whose position is its checkpoint; empty for a replay (its successors start at
   *     {@code floor} whatever it handled)
   * @param floor every event of its slices below this position was handled before its owner started (a lower
   *     bound fixed when the generation was made: its checkpoint is {@code max(stored position, floor)})
   * @param waitFor the leases that must be free before a successor starts: its own, and, if it had not started
   *     when it was replaced, those of what it was to take over from (their owners may still be handling)
   */
  record Predecessor(SliceRange range, String checkpointLease, long floor, List<String> waitFor) {
    Predecessor {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(checkpointLease, "checkpointLease");
      waitFor = List.copyOf(waitFor);
    }

    /** Every event of its slices below this position was handled, given its stored checkpoint. */
    long handledBelow(long storedCheckpoint) {
      return checkpointLease.isEmpty() ? floor : Math.max(storedCheckpoint, floor);
    }
  }

  ConsumerLayout {
    Objects.requireNonNull(consumer, "consumer");
    ranges = covering(List.copyOf(ranges), "ranges");
    previous = List.copyOf(previous);
    covering(previous.stream().map(Predecessor::range).toList(), "previous ranges");
  }

  /** The layout of a consumer that was never split. */
  static ConsumerLayout unsplit(String consumer, int shard) {
    String lease = leaseName(consumer, shard, 0, SliceRange.ALL);
    return new ConsumerLayout(consumer, shard, 0, List.of(SliceRange.ALL),
        List.of(new Predecessor(SliceRange.ALL, lease, 0, List.of(lease))));
  }

  /**
   * The next generation, with {@code next} as its ranges, each taking over from this generation's ranges.
   *
   * @param checkpoints the stored checkpoint of a lease (0 if it has none); read now, so a lower bound of what
   *     a still running owner will have stored when it stops
   * @param replayFrom for a replay, the position the next generation starts at whatever the ranges handled (zero
   *     for a rebuild); empty to go on from where they are
   */
  ConsumerLayout then(List<SliceRange> next, ToLongFunction<String> checkpoints, OptionalLong replayFrom) {
    List<Predecessor> replaced = new ArrayList<>(ranges.size());
    for (SliceRange range : ranges) {
      String lease = leaseName(range);
      long own = checkpoints.applyAsLong(lease);
      Set<String> waitFor = new LinkedHashSet<>();
      waitFor.add(lease);
      long floor = Long.MAX_VALUE;
      for (Predecessor before : predecessors(range)) {
        floor = Math.min(floor, before.handledBelow(
            before.checkpointLease().isEmpty() ? 0 : checkpoints.applyAsLong(before.checkpointLease())));
        if (own == 0) {
          waitFor.addAll(before.waitFor()); // it may not have started: what it replaced may still be handling
        }
      }
      replaced.add(replayFrom.isPresent()
          ? new Predecessor(range, "", replayFrom.getAsLong(), List.copyOf(waitFor))
          : new Predecessor(range, lease, floor, List.copyOf(waitFor)));
    }
    return new ConsumerLayout(consumer, shard, generation + 1, next, replaced);
  }

  /** The lease, and checkpoint, of one range of this generation. */
  String leaseName(SliceRange range) {
    return leaseName(consumer, shard, generation, range);
  }

  static String leaseName(String consumer, int shard, long generation, SliceRange range) {
    String unsplit = "projection:" + consumer + ":" + shard;
    return generation == 0 ? unsplit : unsplit + ":" + generation + ":" + range;
  }

  /** What {@code range} takes over from: the predecessors that share slices with it. */
  List<Predecessor> predecessors(SliceRange range) {
    return previous.stream().filter(before -> range.overlaps(before.range())).toList();
  }

  private static List<SliceRange> covering(List<SliceRange> ranges, String what) {
    int next = 0;
    for (SliceRange range : ranges) {
      if (range.from() != next) {
        throw new IllegalArgumentException(what + " must be disjoint, in slice order and cover every slice 0.."
            + (SliceRange.SLICES - 1) + ": " + ranges);
      }
      next = range.to() + 1;
    }
    if (next != SliceRange.SLICES) {
      throw new IllegalArgumentException(what + " must cover every slice 0.." + (SliceRange.SLICES - 1) + ": "
          + ranges);
    }
    return ranges;
  }
}
