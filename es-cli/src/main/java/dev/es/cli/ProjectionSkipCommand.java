package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code es projection skip <projection> <aggregate-id> <version>}. */
@Command(name = "skip", description = {
    "Asks for a parked event to be removed without being handled.",
    "The projection never sees it. The events of its aggregate parked behind it stay parked until they are retried"
        + " or skipped too."})
final class ProjectionSkipCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ParkedEventArguments event;

  @Override
  public Integer call() {
    event.check(spec);
    return EsCommand.report(spec, connection -> {
      if (!connection.admin().skip(event.projection, event.aggregateId, event.version)) {
        throw event.notParked();
      }
      return ActionReport.requested("parked.skip", event.projection, event.detail(), connection,
          "the projection's worker removes the event without handling it; es projection parked shows those left");
    });
  }
}
