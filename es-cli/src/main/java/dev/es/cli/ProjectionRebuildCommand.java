package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection rebuild <projection>}. */
@Command(name = "rebuild", description = {
    "Asks for a projection to be rebuilt: its read model reset, every event handled again.",
    "One runner hosting it claims the request and carries it out while the others hold back. Refused (exit 5)"
        + " while another replay is pending."})
final class ProjectionRebuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> ActionReport.replay("projection.rebuild", projection, "", connection,
        Replay.of(connection.admin().rebuild(projection))));
  }
}
