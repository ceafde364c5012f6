package dev.es.cli;

import dev.es.runtime.saga.SagaInstance;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code es saga instances} prints: the instances of a saga associated with a value, ended ones included.
 *
 * @param saga the saga
 * @param property the association's property, e.g. {@code orderId}
 * @param value its value, e.g. an order's id
 * @param instances the instances
 */
record SagaInstancesReport(String saga, String property, String value, List<SagaInstanceReport> instances)
    implements Report {

  static SagaInstancesReport of(String saga, String property, String value, List<SagaInstance<String>> found) {
    return new SagaInstancesReport(saga, property, value, found.stream().map(SagaInstanceReport::of).toList());
  }

  @Override
  public void printText(PrintWriter out) {
    if (instances.isEmpty()) {
      out.println("no instance of saga '" + saga + "' is associated with " + property + " = " + value);
      return;
    }
    Table table = new Table("INSTANCE", "STATUS", "VERSION", "DEADLINES", "STATE");
    instances.forEach(i -> table.row(i.instanceId(), i.status(), i.version(), i.pendingDeadlines().size(),
        i.state()));
    table.print(out);
  }
}
