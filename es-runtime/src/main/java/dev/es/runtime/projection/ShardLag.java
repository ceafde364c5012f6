package dev.es.runtime.projection;

import java.time.Duration;

/**
 * How far behind one projection is on one feed shard, counting what is appended but not yet published: a
 * publisher that is stuck or slow shows here, not only a slow projection.
 *
 * @param shard the feed shard
 * @param position the lowest position not yet handled (the owning runner's own view when it is this runner,
 *     otherwise the stored checkpoint); of a split projection, the lowest over the shard's ranges
 * @param events events appended to the shard and not yet handled: published at or after {@code position}, plus
 *     {@code unpublished}
 * @param oldestUnhandledAge how long ago the oldest of them was appended (its event timestamp); zero when there
 *     is none
 * @param unpublished of {@code events}, those the shard's publisher has not published yet ({@code Feed.backlog})
 */
public record ShardLag(int shard, long position, long events, Duration oldestUnhandledAge, long unpublished) {}
