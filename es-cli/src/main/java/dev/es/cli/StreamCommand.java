package dev.es.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es stream <aggregate-id>}: one aggregate's stream as stored. */
@Command(name = "stream",
    description = "Shows an aggregate's stream: its head, how far the feed has it, its events and its snapshots.")
final class StreamCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<aggregate-id>", converter = AggregateIdConverter.class,
      description = "The aggregate's id, a UUID.")
  UUID aggregateId;

  @Option(names = "--from", paramLabel = "<version>", defaultValue = "1",
      description = "The first version to show (default: ${DEFAULT-VALUE}).")
  long fromVersion;

  @Option(names = "--limit", paramLabel = "<count>", defaultValue = "100",
      description = "The most events to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Arguments.requirePositive(spec, "--from", fromVersion);
    Arguments.requirePositive(spec, "--limit", limit);
    return EsCommand.report(spec,
        connection -> StreamReport.of(connection.admin().stream(aggregateId, fromVersion, limit)));
  }
}
