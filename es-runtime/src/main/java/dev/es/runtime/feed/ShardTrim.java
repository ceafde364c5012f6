package dev.es.runtime.feed;

import java.util.Optional;

/**
 * What one trim of a feed shard did.
 *
 * @param shard the feed shard
 * @param floor the shard's first position still in the feed, after the trim
 * @param bucketsRemoved how many bucket partitions the trim removed
 * @param heldBack why it moved the floor no further, if it did not move it
 */
public record ShardTrim(int shard, long floor, int bucketsRemoved, Optional<String> heldBack) {}
