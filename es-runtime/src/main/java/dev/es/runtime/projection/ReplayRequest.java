package dev.es.runtime.projection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A replay an operator asked of a projection through {@link ProjectionControl} (or a runner, to catch up from below
 * the feed's floor), not yet done: one runner hosting
 * the projection claims it and carries it out under the projection's leases while the others hold back.
 *
 * @param id the request
 * @param kind a rebuild, a reset of some shards' checkpoints, or a catch-up from below the feed's floor
 * @param positions per feed shard, the position its replay starts at; shards not named keep their checkpoints
 * @param requestedBy who asked
 * @param requestedAt when
 * @param claimedBy the runner carrying it out, if one has claimed it
 */
public record ReplayRequest(UUID id, Kind kind, Map<Integer, Long> positions, String requestedBy,
    Instant requestedAt, Optional<String> claimedBy) {

  /** What is replayed. */
  public enum Kind {
    /** {@link Projection#reset()} the read model, then handle every event again from position zero. */
    REBUILD,
    /** Move the checkpoints of some shards, keeping the read model: backwards replays, forwards passes over. */
    RESET,
    /**
     * Filed by a runner whose worker was to start below the floor retention left on a shard (a consumer new since
     * the trim): the shard's removed part is read from the events table, then the feed from the floor.
     */
    CATCH_UP
  }

  public ReplayRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    positions = Map.copyOf(positions);
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(claimedBy, "claimedBy");
  }

  /** The positions of a rebuild: every shard from zero. */
  static Map<Integer, Long> everyShardFromZero(int shards) {
    Map<Integer, Long> positions = new HashMap<>();
    for (int shard = 0; shard < shards; shard++) {
      positions.put(shard, 0L);
    }
    return positions;
  }
}
