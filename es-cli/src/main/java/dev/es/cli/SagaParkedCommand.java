package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es saga parked <saga>}: the instances a handler kept failing on. */
@Command(name = "parked", description = {
    "Lists a saga's parked instances, with the event each was parked on and its error.",
    "In id order. An instance's compensations ran when it was parked; es saga end ends it."})
final class SagaParkedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<saga>", description = "The saga's name.")
  String saga;

  @Option(names = "--limit", paramLabel = "<count>", defaultValue = "100",
      description = "The most instances to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Arguments.requirePositive(spec, "--limit", limit);
    return EsCommand.report(spec, connection ->
        ParkedSagaInstancesReport.of(saga, limit, connection.admin().parkedSagaInstances(saga, limit)));
  }
}
