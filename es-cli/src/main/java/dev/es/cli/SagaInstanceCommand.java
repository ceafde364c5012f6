package dev.es.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es saga instance <saga> <instance-id>}: one instance as stored. */
@Command(name = "instance", description = {
    "Shows a saga instance: its status, state and pending deadlines.",
    "Its status is active, parked (with its error and the event it was parked on) or ended; it also shows its"
        + " version, and how many events it handled, deferred while parked, and has not appended yet."})
final class SagaInstanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<saga>", description = "The saga's name.")
  String saga;

  @Parameters(index = "1", paramLabel = "<instance-id>", converter = AggregateIdConverter.class,
      description = "The instance's id, a UUID.")
  UUID instance;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> SagaInstanceReport.of(connection.admin().sagaInstance(saga, instance)));
  }
}
