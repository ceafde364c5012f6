package dev.es.cli;

import dev.es.runtime.admin.ShardInspection;
import dev.es.runtime.feed.LeaseState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * What {@code es feed} prints: each shard's publisher, head position and backlog, as {@link ShardInspection} shows
 * them.
 *
 * @param observedAt when the shards were read: what the backlog's age counts to
 * @param shards the shards, in order
 */
record FeedReport(Instant observedAt, List<Shard> shards) implements Report {

  /**
   * One shard.
   *
   * @param shard the shard
   * @param publisher who took its publisher's lease last; null if no publisher ever ran
   * @param publishing whether that lease is held: a publisher is at work on the shard
   * @param leaseExpires when the lease ends unless renewed; null without a lease
   * @param headPosition the position the shard's next published event gets
   * @param backlogEvents events appended and not yet published
   * @param backlogStreams the streams they are in
   * @param oldestUnpublishedAt when the oldest of them was appended; null without backlog
   * @param backlogAgeMillis how long that one has waited
   */
  record Shard(int shard, String publisher, boolean publishing, Instant leaseExpires, long headPosition,
      long backlogEvents, long backlogStreams, Instant oldestUnpublishedAt, long backlogAgeMillis) {}

  static FeedReport of(List<ShardInspection> shards, Instant now) {
    return new FeedReport(now, shards.stream().map(shard -> new Shard(shard.shard(),
        shard.publisherLease().map(LeaseState::owner).orElse(null), shard.publishing(),
        shard.publisherLease().map(LeaseState::expires).orElse(null), shard.headPosition(),
        shard.backlog().events(), shard.backlog().streams(), shard.backlog().oldestUnpublishedAt().orElse(null),
        shard.backlog().age(now).toMillis())).toList());
  }

  @Override
  public void printText(PrintWriter out) {
    Table table = new Table("SHARD", "PUBLISHER", "LEASE", "EXPIRES", "HEAD", "BACKLOG", "STREAMS", "WAITING");
    shards.forEach(s -> table.row(s.shard(), s.publisher(), lease(s), s.leaseExpires(), s.headPosition(),
        s.backlogEvents(), s.backlogStreams(), s.backlogEvents() == 0 ? null : Ages.of(s.backlogAgeMillis())));
    table.print(out);
  }

  private static String lease(Shard shard) {
    return shard.publisher() == null ? null : shard.publishing() ? "held" : "free";
  }
}
