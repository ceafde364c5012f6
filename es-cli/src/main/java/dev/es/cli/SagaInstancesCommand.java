package dev.es.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es saga instances <saga> <property> <value>}: what happened to, say, order 42. */
@Command(name = "instances", description = {
    "Lists the instances of a saga associated with property = value, ended ones included.",
    "\"What happened to order 42?\" is es saga instances <saga> orderId 42."})
final class SagaInstancesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<saga>", description = "The saga's name.")
  String saga;

  @Parameters(index = "1", paramLabel = "<property>",
      description = "The association's property, as the saga's handlers declare it, e.g. orderId.")
  String property;

  @Parameters(index = "2", paramLabel = "<value>", description = "Its value, e.g. an order's id.")
  String value;

  @Override
  public Integer call() {
    return EsCommand.report(spec, connection ->
        SagaInstancesReport.of(saga, property, value, connection.admin().sagaInstances(saga, property, value)));
  }
}
