package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection parked <projection>}: the events a projection set aside. */
@Command(name = "parked", description = {
    "Lists the events a projection parked under its PARK policy.",
    "Shard by shard, per aggregate in version order: the events that failed, and the later ones of their"
        + " aggregates held back behind them (0 attempts)."})
final class ProjectionParkedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Option(names = "--limit", paramLabel = "<count>", defaultValue = "100",
      description = "The most events to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Arguments.requirePositive(spec, "--limit", limit);
    return EsCommand.report(spec, connection ->
        ParkedEventsReport.of(projection, limit, connection.admin().parkedEvents(projection, limit)));
  }
}
