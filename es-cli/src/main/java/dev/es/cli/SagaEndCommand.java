package dev.es.cli;

import dev.es.runtime.saga.SagaInstance;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es saga end <saga> <instance-id>}. */
@Command(name = "end", description = {
    "Ends a parked saga instance.",
    "It gets nothing more (later events and its deadlines do not reach it) and keeps its state and error. Its"
        + " compensations ran when it was parked; ending it runs nothing. Refused (exit 5) for an instance that is"
        + " not parked, or whose compensations its runner has not appended yet."})
final class SagaEndCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<saga>", description = "The saga's name.")
  String saga;

  @Parameters(index = "1", paramLabel = "<instance-id>", converter = AggregateIdConverter.class,
      description = "The parked instance's id, a UUID.")
  UUID instance;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> {
      SagaInstance<String> ended = connection.admin().endSagaInstance(saga, instance);
      return ActionReport.done("saga.end", saga, "instance " + instance, connection,
          "ended at version " + ended.version() + "; es saga instance shows it, its state and error kept");
    });
  }
}
