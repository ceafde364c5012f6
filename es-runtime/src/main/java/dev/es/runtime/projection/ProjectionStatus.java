package dev.es.runtime.projection;

import java.util.List;
import java.util.Optional;

/**
 * What a projection in a {@link ProjectionRunner} is doing.
 *
 * @param name the projection
 * @param state running, or failed (stopped on an event it could not handle, or its worker failed), or paused (held
 *     back by an operator's pause or a pending replay, see {@link ProjectionControl}), or stopped
 * @param lag events appended but not yet handled, over all shards (published or not: see {@link ShardLag})
 * @param failure why it stopped, when it failed
 * @param shards the lag of each shard, in events and in time, with what is not published yet
 * @param layouts how each shard's work is split, and which ranges this runner owns
 */
public record ProjectionStatus(String name, State state, long lag, Optional<ProjectionFailure> failure,
    List<ShardLag> shards, List<ShardLayout> layouts) {

  public ProjectionStatus {
    shards = List.copyOf(shards);
    layouts = List.copyOf(layouts);
  }

  public enum State { RUNNING, FAILED, PAUSED, STOPPED }
}
