package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code es projection retry <projection> <aggregate-id> <version>}. */
@Command(name = "retry", description = {
    "Asks for a parked event and those held back behind it to be handled again.",
    "The worker holding the projection's lease handles them in version order; one that fails again stays parked,"
        + " with one more attempt. Fix the cause first."})
final class ProjectionRetryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ParkedEventArguments event;

  @Override
  public Integer call() {
    event.check(spec);
    return EsCommand.report(spec, connection -> {
      if (!connection.admin().retry(event.projection, event.aggregateId, event.version)) {
        throw event.notParked();
      }
      return ActionReport.requested("parked.retry", event.projection, event.detail(), connection,
          "the projection's worker handles the aggregate's parked events again; es projection parked shows those left");
    });
  }
}
