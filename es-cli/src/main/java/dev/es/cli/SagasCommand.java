package dev.es.cli;

import dev.es.cli.SagasReport.Saga;
import dev.es.runtime.admin.EsAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code es sagas}: every saga a runner started, one line each. */
@Command(name = "sagas", description = {
    "Lists the sagas a runner started on the feed, with their feed consumers' state and lag.",
    "A saga's feed consumer is the projection saga:<name>, which es projection shows and steers."})
final class SagasCommand implements Callable<Integer> {

  /** A saga's feed consumer is registered as {@code saga:<name>}, as {@link EsAdmin#projectionNames} says. */
  private static final String CONSUMER_PREFIX = "saga:";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection -> {
      EsAdmin admin = connection.admin();
      return new SagasReport(admin.sagaNames().stream()
          .map(saga -> Saga.of(saga, admin.projection(CONSUMER_PREFIX + saga))).toList());
    });
  }
}
