package dev.es.runtime.projection;

import java.time.Duration;

/**
 * How far behind one projection is on one feed shard.
 *
 * @param shard the feed shard
 * @param position the lowest position not yet handled (the owning runner's own view when it is this runner,
 *     otherwise the stored checkpoint); of a split projection, the lowest over the shard's ranges
 * @param events events published to the shard at or after {@code position}
 * @param oldestUnhandledAge how long ago the oldest of them was appended (its event timestamp); zero when there
 *     is none
 */
public record ShardLag(int shard, long position, long events, Duration oldestUnhandledAge) {}
