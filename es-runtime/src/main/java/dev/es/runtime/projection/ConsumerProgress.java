package dev.es.runtime.projection;

import dev.es.runtime.feed.Backlog;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How far a consumer is on a shard, from what its owners stored: the runner uses it for the ranges it does not hold,
 * {@link ProjectionControl} for all of them. Plain reads, for monitoring.
 */
final class ConsumerProgress {

  private final Feed feed;
  private final Leases leases;

  ConsumerProgress(Feed feed) {
    this.feed = feed;
    this.leases = feed.leases();
  }

  /**
   * The lowest unhandled position of a shard, over its ranges: of each, {@code own} when it gives one (a runner's
   * view of the range it holds), otherwise the stored checkpoint, or, for a range not started yet, where it will
   * start. Plain reads.
   */
  long lowestPosition(ConsumerLayout layout, Function<SliceRange, OptionalLong> own) {
    return lowest(layout, own, leases::observedPosition);
  }

  /**
   * The lowest unhandled position of a shard as stored, read at the serial consistency: for retention, which must
   * see every checkpoint written before it looks.
   */
  long lowestStoredPosition(ConsumerLayout layout) {
    return lowest(layout, range -> OptionalLong.empty(), leases::position);
  }

  private static long lowest(ConsumerLayout layout, Function<SliceRange, OptionalLong> own,
      ToLongFunction<String> stored) {
    long lowest = Long.MAX_VALUE;
    for (SliceRange range : layout.ranges()) {
      OptionalLong held = own.apply(range);
      long position = held.isPresent() ? held.getAsLong() : stored.applyAsLong(layout.leaseName(range));
      if (held.isEmpty() && layout.generation() > 0) {
        long start = Long.MAX_VALUE;
        for (ConsumerLayout.Predecessor before : layout.predecessors(range)) {
          long checkpoint = before.checkpointLease().isEmpty() ? 0 : stored.applyAsLong(before.checkpointLease());
          start = Math.min(start, before.handledBelow(checkpoint));
        }
        position = Math.max(position, start);
      }
      lowest = Math.min(lowest, position);
    }
    return lowest;
  }

  /** The lag of a shard whose lowest unhandled position is {@code position}, with what is not published yet. */
  ShardLag lag(int shard, long position, Instant now) {
    long published = publishedLag(shard, position);
    Duration age = published == 0 ? Duration.ZERO : feed.reader().timestampAt(shard, position)
        .map(appended -> appended.isBefore(now) ? Duration.between(appended, now) : Duration.ZERO)
        .orElse(Duration.ZERO);
    Backlog unpublished = feed.backlog(shard);
    Duration unpublishedAge = unpublished.age(now);
    return new ShardLag(shard, position, published + unpublished.events(),
        age.compareTo(unpublishedAge) >= 0 ? age : unpublishedAge, unpublished.events());
  }

  /** Events published to a shard at or after {@code position}. */
  long publishedLag(int shard, long position) {
    return Math.max(0, feed.headPosition(shard) - position);
  }
}
