package dev.es.runtime.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A contiguous range of slices of a feed shard, {@code from..to} inclusive. Each shard's aggregates are spread over
 * {@value #SLICES} slices by their id, so all events of one aggregate are in one slice; a projection's work on a
 * shard can be split over several owners by giving each a range, and re-split on a live system.
 *
 * @param from the first slice, at least 0
 * @param to the last slice, at least {@code from} and below {@value #SLICES}
 */
public record SliceRange(int from, int to) {

  /** Slices per shard: the most owners one shard of one projection can be split over. */
  public static final int SLICES = 1024;

  /** Every slice: the one range of a projection that was never split. */
  public static final SliceRange ALL = new SliceRange(0, SLICES - 1);

  public SliceRange {
    if (from < 0 || to >= SLICES || from > to) {
      throw new IllegalArgumentException("a slice range is from..to within 0.." + (SLICES - 1) + ", was " + from
          + ".." + to);
    }
  }

  /**
   * The slice of an aggregate. {@link UUID#hashCode()} is specified by the JDK, so every process, whatever its
   * version, puts an aggregate in the same slice.
   */
  public static int sliceOf(UUID aggregateId) {
    return Math.floorMod(aggregateId.hashCode(), SLICES);
  }

  /** The slices cut into {@code owners} ranges as equal as can be. */
  public static List<SliceRange> evenly(int owners) {
    if (owners < 1 || owners > SLICES) {
      throw new IllegalArgumentException("a shard is split over 1.." + SLICES + " owners, was " + owners);
    }
    List<SliceRange> ranges = new ArrayList<>(owners);
    for (int i = 0; i < owners; i++) {
      ranges.add(new SliceRange(i * SLICES / owners, (i + 1) * SLICES / owners - 1));
    }
    return ranges;
  }

  public boolean contains(int slice) {
    return slice >= from && slice <= to;
  }

  public boolean contains(UUID aggregateId) {
    return contains(sliceOf(aggregateId));
  }

  public boolean overlaps(SliceRange other) {
    return from <= other.to && other.from <= to;
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
