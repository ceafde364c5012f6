package dev.es.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;

/**
 * What {@code es saga instance} prints, and each instance the saga listings show: a saga instance as stored, its
 * state as stored JSON (the command line has none of the saga's classes).
 *
 * @param saga the saga
 * @param instanceId the instance
 * @param version how many times it was written
 * @param ended whether it ended, by a handler or by hand ({@code es saga end})
 * @param parked whether a handler kept failing on it: it handles nothing more until an operator steps in
 * @param error why it was parked; null if it never was
 * @param parkedEvent the event or deadline id it was parked on; null if it never was
 * @param state its state after the last handled event or deadline
 * @param handled the ids of the events and deadlines applied to it, sorted
 * @param pendingDeadlines the deadlines that fire unless cancelled
 * @param deferred the ids of events that reached it while it was parked, not handled, sorted
 * @param unpublishedEvents events its last handler decided and that are not yet confirmed appended
 */
record SagaInstanceReport(String saga, UUID instanceId, long version, boolean ended, boolean parked, String error,
    UUID parkedEvent, JsonNode state, List<UUID> handled, List<SagaDeadline> pendingDeadlines, List<UUID> deferred,
    int unpublishedEvents) implements Report {

  static SagaInstanceReport of(SagaInstance<String> instance) {
    return new SagaInstanceReport(instance.saga(), instance.instanceId(), instance.version(), instance.ended(),
        instance.parked(), instance.error().orElse(null), instance.parkedEvent().orElse(null),
        Json.tree(instance.state()), instance.handled().stream().sorted().toList(), instance.pendingDeadlines(),
        instance.deferred().stream().sorted().toList(), instance.unpublishedEvents());
  }

  /** {@code ended}, {@code parked} or {@code active}: an instance ended by hand was parked before. */
  String status() {
    return ended ? "ended" : parked ? "parked" : "active";
  }

  @Override
  public void printText(PrintWriter out) {
    Table table = new Table()
        .row("saga", saga)
        .row("instance", instanceId)
        .row("status", status())
        .row("version", version);
    if (error != null) {
      table.row("error", error).row("parked on", parkedEvent);
    }
    table.row("handled", count(handled.size(), "event or deadline", "events and deadlines"))
        .row("deferred", count(deferred.size(), "event", "events"))
        .row("unpublished", count(unpublishedEvents, "event", "events"))
        .row("state", state)
        .print(out);
    out.println();
    if (pendingDeadlines.isEmpty()) {
      out.println("no pending deadlines");
    } else {
      Table deadlines = new Table("DUE", "NAME", "DEADLINE", "PAYLOAD");
      pendingDeadlines.forEach(d -> deadlines.row(d.due(), d.name(), d.id(), d.payload().isEmpty() ? null
          : d.payload()));
      deadlines.print(out);
    }
  }

  private static String count(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
