package dev.es.cli;

import dev.es.runtime.saga.ScheduledDeadline;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code es saga deadlines} prints: the deadlines pending on a saga's instances.
 *
 * @param saga the saga
 * @param limit the most deadlines asked for: as many listed means there may be more
 * @param deadlines in due order
 */
record SagaDeadlinesReport(String saga, int limit, List<Deadline> deadlines) implements Report {

  /**
   * One deadline.
   *
   * @param instance the instance that scheduled it
   * @param id the deadline's id
   * @param name what it was scheduled for, e.g. {@code retry-email}
   * @param due when it fires, at the earliest
   * @param payload the text its handler attached; empty if none
   */
  record Deadline(UUID instance, UUID id, String name, Instant due, String payload) {}

  static SagaDeadlinesReport of(String saga, int limit, List<ScheduledDeadline> pending) {
    return new SagaDeadlinesReport(saga, limit, pending.stream().map(d -> new Deadline(d.instance(),
        d.deadline().id(), d.deadline().name(), d.deadline().due(), d.deadline().payload())).toList());
  }

  @Override
  public void printText(PrintWriter out) {
    if (deadlines.isEmpty()) {
      out.println("no deadline is pending on saga '" + saga + "'");
      return;
    }
    Table table = new Table("DUE", "NAME", "INSTANCE", "DEADLINE", "PAYLOAD");
    deadlines.forEach(d -> table.row(d.due(), d.name(), d.instance(), d.id(), d.payload().isEmpty() ? null
        : d.payload()));
    table.print(out);
    if (deadlines.size() == limit) {
      out.println("(the first " + limit + ": a greater --limit shows more)");
    }
  }
}
