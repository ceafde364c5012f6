package dev.es.cli;

import dev.es.runtime.admin.EsAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code es projections}: every registered projection, one line each. */
@Command(name = "projections", description = {
    "Lists the projections registered on the feed, with their state, lag and pending replay.",
    "A saga's feed consumer is the projection saga:<name>. The state is paused (by an operator), failed (a runner"
        + " stopped it on a failure), running (a runner holds one of its leases), or idle (none does)."})
final class ProjectionsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> {
      EsAdmin admin = connection.admin();
      return ProjectionsReport.of(admin.projectionNames().stream().map(admin::projection).toList());
    });
  }
}
