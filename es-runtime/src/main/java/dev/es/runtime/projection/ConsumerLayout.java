package dev.es.runtime.projection;

import java.util.List;
import java.util.Objects;

/**
 * How a consumer's (a projection's or a saga's) work on one feed shard is split: generation {@code g}'s slice
 * ranges, each handled by one owner under a lease of its own, and the ranges of generation {@code g - 1} that a
 * range of this one takes over from. Generation 0 is the layout of a consumer that was never split: one range of
 * every slice, under the lease {@code projection:<name>:<shard>}, so its checkpoint is kept when it is first split.
 *
 * @param consumer the projection's name ({@code saga:<name>} for a saga's consumer)
 * @param shard the feed shard
 * @param generation grows by one with every change
 * @param ranges this generation's ranges: disjoint, together every slice, in slice order
 * @param previous the ranges of the generation before ({@code ranges} themselves for generation 0)
 */
public record ConsumerLayout(String consumer, int shard, long generation, List<SliceRange> ranges,
    List<SliceRange> previous) {

  public ConsumerLayout {
    Objects.requireNonNull(consumer, "consumer");
    ranges = covering(ranges, "ranges");
    previous = covering(previous, "previous");
  }

  /** The layout of a consumer that was never split. */
  static ConsumerLayout unsplit(String consumer, int shard) {
    return new ConsumerLayout(consumer, shard, 0, List.of(SliceRange.ALL), List.of(SliceRange.ALL));
  }

  /** The next generation, with {@code next} as its ranges. */
  ConsumerLayout then(List<SliceRange> next) {
    return new ConsumerLayout(consumer, shard, generation + 1, next, ranges);
  }

  /** The lease, and checkpoint, of one range of this generation. */
  String leaseName(SliceRange range) {
    return leaseName(consumer, shard, generation, range);
  }

  /** The lease of a range of the previous generation. */
  String previousLeaseName(SliceRange range) {
    return leaseName(consumer, shard, Math.max(0, generation - 1), range);
  }

  static String leaseName(String consumer, int shard, long generation, SliceRange range) {
    String unsplit = "projection:" + consumer + ":" + shard;
    return generation == 0 ? unsplit : unsplit + ":" + generation + ":" + range;
  }

  /** The ranges of the previous generation that share slices with {@code range}. */
  List<SliceRange> predecessors(SliceRange range) {
    return previous.stream().filter(range::overlaps).toList();
  }

  private static List<SliceRange> covering(List<SliceRange> ranges, String what) {
    List<SliceRange> copy = List.copyOf(ranges);
    int next = 0;
    for (SliceRange range : copy) {
      if (range.from() != next) {
        throw new IllegalArgumentException(what + " must be disjoint, in slice order and cover every slice 0.."
            + (SliceRange.SLICES - 1) + ": " + copy);
      }
      next = range.to() + 1;
    }
    if (next != SliceRange.SLICES) {
      throw new IllegalArgumentException(what + " must cover every slice 0.." + (SliceRange.SLICES - 1) + ": " + copy);
    }
    return copy;
  }
}
