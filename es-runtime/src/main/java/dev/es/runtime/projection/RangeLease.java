package dev.es.runtime.projection;

import dev.es.runtime.feed.LeaseState;
import java.util.Objects;
import java.util.Optional;

/**
 * Who handles one slice range of a projection's shard, as the lease table shows it.
 *
 * @param shard the feed shard
 * @param generation the shard's layout generation (0 for a projection never split)
 * @param range the slice range
 * @param lease the range's lease as last taken, with its stored checkpoint; empty if no runner took it yet
 * @param held whether that lease is held now: a runner is at work on the range
 */
public record RangeLease(int shard, long generation, SliceRange range, Optional<LeaseState> lease, boolean held) {

  public RangeLease {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(lease, "lease");
  }
}
