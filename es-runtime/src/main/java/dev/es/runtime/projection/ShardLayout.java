package dev.es.runtime.projection;

import java.util.List;

/**
 * How a projection's work on one feed shard is split (see {@link ProjectionRunner#split}).
 *
 * @param shard the feed shard
 * @param generation 0 for a projection never split; one more with every change
 * @param ranges the slice ranges of this generation, each handled by one owner
 * @param ownedHere the ranges whose lease this runner holds now
 */
public record ShardLayout(int shard, long generation, List<SliceRange> ranges, List<SliceRange> ownedHere) {

  public ShardLayout {
    ranges = List.copyOf(ranges);
    ownedHere = List.copyOf(ownedHere);
  }
}
