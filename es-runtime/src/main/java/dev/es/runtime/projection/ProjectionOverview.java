package dev.es.runtime.projection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A projection as stored, seen from outside the runners that host it ({@link ProjectionControl#overview}).
 *
 * @param name the projection ({@code saga:<name>} for a saga's feed consumer)
 * @param registered when a runner first hosted it
 * @param paused whether an operator paused it
 * @param failure the failure a runner last stopped it on, until it is resumed
 * @param pendingReplay a replay asked for and not done yet
 * @param lag events appended and not yet handled, over all shards
 * @param shards each shard's lag, in events and time, from its stored checkpoints
 * @param ranges who handles each range of each shard
 */
public record ProjectionOverview(String name, Instant registered, boolean paused, Optional<ReportedFailure> failure,
    Optional<ReplayRequest> pendingReplay, long lag, List<ShardLag> shards, List<RangeLease> ranges) {

  public ProjectionOverview {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(pendingReplay, "pendingReplay");
    shards = List.copyOf(shards);
    ranges = List.copyOf(ranges);
  }

  /** Whether a runner is at work on it now: it holds the lease of at least one range. */
  public boolean running() {
    return ranges.stream().anyMatch(RangeLease::held);
  }
}
