package dev.es.cli;

import dev.es.runtime.projection.ProjectionOverview;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code es projections} prints: every projection and saga consumer registered on the feed, one line each.
 *
 * @param projections in name order
 */
record ProjectionsReport(List<Projection> projections) implements Report {

  /**
   * One projection.
   *
   * @param name the projection ({@code saga:<name>} for a saga's feed consumer)
   * @param state paused, failed, running or idle, as {@link ProjectionReport#state} says
   * @param lag events appended and not yet handled, over all shards
   * @param oldestUnhandledAgeMillis how long ago the oldest of them was appended; 0 when there is none
   * @param pendingReplay a replay asked for and not done yet; null if none
   */
  record Projection(String name, String state, long lag, long oldestUnhandledAgeMillis, Replay pendingReplay) {}

  static ProjectionsReport of(List<ProjectionOverview> overviews) {
    return new ProjectionsReport(overviews.stream().map(overview -> new Projection(overview.name(),
        ProjectionReport.state(overview), overview.lag(),
        overview.shards().stream().mapToLong(lag -> lag.oldestUnhandledAge().toMillis()).max().orElse(0),
        overview.pendingReplay().map(Replay::of).orElse(null))).toList());
  }

  @Override
  public void printText(PrintWriter out) {
    if (projections.isEmpty()) {
      out.println("no projection is registered on this feed: no runner has started one");
      return;
    }
    Table table = new Table("PROJECTION", "STATE", "LAG", "WAITING", "REPLAY");
    projections.forEach(p -> table.row(p.name(), p.state(), p.lag(),
        p.lag() == 0 ? null : Ages.of(p.oldestUnhandledAgeMillis()), replay(p.pendingReplay())));
    table.print(out);
  }

  private static String replay(Replay pending) {
    return pending == null ? null : pending.kind() + " requested by " + pending.requestedBy();
  }
}
