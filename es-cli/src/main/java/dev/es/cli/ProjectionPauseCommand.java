package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection pause <projection>}. */
@Command(name = "pause", description = {
    "Pauses a projection on every runner hosting it.",
    "The runners stop its workers after the events in flight, give their leases up, and start none until it is"
        + " resumed."})
final class ProjectionPauseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> {
      connection.admin().pause(projection);
      return ActionReport.done("projection.pause", projection, "", connection, "the runners hosting it stop its"
          + " workers within a renewal interval; es projection resume starts them again");
    });
  }
}
