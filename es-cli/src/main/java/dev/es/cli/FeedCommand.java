package dev.es.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code es feed}: each feed shard's publisher, head position and backlog. */
@Command(name = "feed", description = {
    "Shows each feed shard: who publishes it, its head position, and the events appended but not yet published.",
    "A backlog that does not shrink while no lease is held means no publisher runs."})
final class FeedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> FeedReport.of(connection.admin().feedShards(), Instant.now()));
  }
}
