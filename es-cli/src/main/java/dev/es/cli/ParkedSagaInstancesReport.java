package dev.es.cli;

import dev.es.runtime.saga.SagaInstance;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code es saga parked} prints: the instances of a saga a handler kept failing on.
 *
 * @param saga the saga
 * @param limit the most instances asked for: as many listed means there may be more
 * @param instances in id order
 */
record ParkedSagaInstancesReport(String saga, int limit, List<SagaInstanceReport> instances) implements Report {

  static ParkedSagaInstancesReport of(String saga, int limit, List<SagaInstance<String>> parked) {
    return new ParkedSagaInstancesReport(saga, limit, parked.stream().map(SagaInstanceReport::of).toList());
  }

  @Override
  public void printText(PrintWriter out) {
    if (instances.isEmpty()) {
      out.println("saga '" + saga + "' has no parked instances");
      return;
    }
    Table table = new Table("INSTANCE", "VERSION", "PARKED ON", "ERROR");
    instances.forEach(i -> table.row(i.instanceId(), i.version(), i.parkedEvent(), i.error()));
    table.print(out);
    if (instances.size() == limit) {
      out.println("(the first " + limit + ": a greater --limit shows more)");
    }
  }
}
