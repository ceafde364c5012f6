package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es saga deadlines <saga>}: the deadlines still to fire. */
@Command(name = "deadlines", description = {
    "Lists the deadlines pending on a saga's instances, in due order.",
    "A deadline its instance cancelled, or that outlived its instance's end, is left out."})
final class SagaDeadlinesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<saga>", description = "The saga's name.")
  String saga;

  @Option(names = "--limit", paramLabel = "<count>", defaultValue = "100",
      description = "The most deadlines to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Arguments.requirePositive(spec, "--limit", limit);
    return EsCommand.report(spec, connection ->
        SagaDeadlinesReport.of(saga, limit, connection.admin().sagaDeadlines(saga, limit)));
  }
}
