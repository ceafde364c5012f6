package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection resume <projection>}. */
@Command(name = "resume", description = {
    "Resumes a paused projection, or one a runner stopped on a failure.",
    "The pause and the stored failure are cleared, and the runners hosting it start it again: fix a failure's cause"
        + " first."})
final class ProjectionResumeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> {
      connection.admin().resume(projection);
      return ActionReport.done("projection.resume", projection, "", connection,
          "the runners hosting it start it again within a renewal interval");
    });
  }
}
