package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code es audit}: who changed what through the admin API. */
@Command(name = "audit", description = {
    "Lists the newest changes made through the admin API, newest first.",
    "Those of this command line and of any other client of EsAdmin: when, who (--as), what, on which projection or"
        + " saga, its arguments, and its outcome, refusals included."})
final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--limit", paramLabel = "<count>", defaultValue = "20",
      description = "The most entries to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Arguments.requirePositive(spec, "--limit", limit);
    return EsCommand.report(spec, connection -> new AuditReport(connection.admin().audit(limit)));
  }
}
