package dev.es.runtime.feed;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Where a feed shard begins: positions below {@link #floor} were removed by retention, and a consumer that has to
 * read them reads the events table instead. A trim in progress holds a pending floor until {@code pendingUntil}.
 *
 * @param shard the feed shard
 * @param floor the first position still in the feed (0 until anything was trimmed)
 * @param cleared the buckets below this position are removed (below the floor, until a trim removed them all)
 * @param pending the floor a trim in progress moves to, if one is in progress
 * @param pendingId the trim in progress, if any
 * @param pendingUntil when a trim in progress counts as abandoned
 */
public record FeedFloor(
    int shard, long floor, long cleared, OptionalLong pending, UUID pendingId, Instant pendingUntil) {

  /** Whether a trim is in progress (and not yet abandoned) at {@code now}. */
  public boolean trimming(Instant now) {
    return pending.isPresent() && pendingUntil.isAfter(now);
  }
}
