package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection status <projection>}: where one projection stands. */
@Command(name = "status", description = {
    "Shows a projection's state, failure, pending replay, lag per shard, and leases.",
    "The failure is the one a runner stopped it on; a shard's lag counts the events not yet handled, how long the"
        + " oldest has waited, and how many are not published yet; each range's lease shows who works on it, until"
        + " when, and its checkpoint."})
final class ProjectionStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> ProjectionReport.of(connection.admin().projection(projection)));
  }
}
