package dev.es.cli;

import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.RangeLease;
import dev.es.runtime.projection.ReportedFailure;
import dev.es.runtime.projection.ShardLag;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * What {@code es projection status} prints: one projection as {@link ProjectionOverview} shows it.
 *
 * @param name the projection ({@code saga:<name>} for a saga's feed consumer)
 * @param state {@code paused} (by an operator), {@code failed} (a runner stopped it on a failure), {@code running}
 *     (a runner holds the lease of one of its ranges) or {@code idle} (none does: no runner hosts it, or a replay
 *     holds it back)
 * @param registered when a runner first hosted it
 * @param paused whether an operator paused it
 * @param failure the failure a runner last stopped it on; null if none since it was last resumed
 * @param pendingReplay a replay asked for and not done yet; null if none
 * @param lag events appended and not yet handled, over all shards
 * @param shards each shard's lag, in shard order
 * @param ranges who handles each range of each shard
 */
record ProjectionReport(String name, String state, Instant registered, boolean paused, ReportedFailure failure,
    Replay pendingReplay, long lag, List<Shard> shards, List<Range> ranges) implements Report {

  /**
   * One shard's lag, from the stored checkpoints.
   *
   * @param shard the feed shard
   * @param position the lowest position not yet handled
   * @param events events appended to the shard and not yet handled, the unpublished ones included
   * @param oldestUnhandledAgeMillis how long ago the oldest of them was appended; 0 when there is none
   * @param unpublished of {@code events}, those the shard's publisher has not published yet
   */
  record Shard(int shard, long position, long events, long oldestUnhandledAgeMillis, long unpublished) {}

  /**
   * One slice range of a shard and its lease.
   *
   * @param shard the feed shard
   * @param generation the shard's layout generation (0 for a projection never split)
   * @param fromSlice the range's first slice
   * @param toSlice its last slice
   * @param owner the runner that took the range's lease last; null if none ever did
   * @param held whether that lease is held now
   * @param expires when it ends unless renewed; null without a lease
   * @param checkpoint the position stored with the lease; null without a lease
   */
  record Range(int shard, long generation, int fromSlice, int toSlice, String owner, boolean held, Instant expires,
      Long checkpoint) {}

  static ProjectionReport of(ProjectionOverview overview) {
    return new ProjectionReport(overview.name(), state(overview), overview.registered(), overview.paused(),
        overview.failure().orElse(null), overview.pendingReplay().map(Replay::of).orElse(null), overview.lag(),
        overview.shards().stream().map(ProjectionReport::shard).toList(),
        overview.ranges().stream().map(ProjectionReport::range).toList());
  }

  /** An operator's pause first: it holds whatever else is true; then a failure, then whether a runner works. */
  static String state(ProjectionOverview overview) {
    if (overview.paused()) {
      return "paused";
    }
    if (overview.failure().isPresent()) {
      return "failed";
    }
    return overview.running() ? "running" : "idle";
  }

  private static Shard shard(ShardLag lag) {
    return new Shard(lag.shard(), lag.position(), lag.events(), lag.oldestUnhandledAge().toMillis(),
        lag.unpublished());
  }

  private static Range range(RangeLease range) {
    LeaseState lease = range.lease().orElse(null);
    return new Range(range.shard(), range.generation(), range.range().from(), range.range().to(),
        lease == null ? null : lease.owner(), range.held(), lease == null ? null : lease.expires(),
        lease == null ? null : lease.position());
  }

  @Override
  public void printText(PrintWriter out) {
    new Table()
        .row("projection", name)
        .row("state", state)
        .row("registered", registered)
        .row("failure", failure == null ? null
            : "at " + failure.at() + " on " + failure.owner() + ": " + failure.description())
        .row("replay", pendingReplay == null ? null : pendingReplay.describe())
        .row("lag", lag == 1 ? "1 event" : lag + " events")
        .print(out);
    out.println();
    Table lags = new Table("SHARD", "POSITION", "LAG", "WAITING", "UNPUBLISHED");
    shards.forEach(s -> lags.row(s.shard(), s.position(), s.events(),
        s.events() == 0 ? null : Ages.of(s.oldestUnhandledAgeMillis()), s.unpublished()));
    lags.print(out);
    out.println();
    Table leases = new Table("SHARD", "GENERATION", "SLICES", "OWNER", "LEASE", "EXPIRES", "CHECKPOINT");
    ranges.forEach(r -> leases.row(r.shard(), r.generation(), r.fromSlice() + "-" + r.toSlice(), r.owner(),
        r.owner() == null ? null : r.held() ? "held" : "free", r.expires(), r.checkpoint()));
    leases.print(out);
  }
}
