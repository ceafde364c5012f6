package dev.es.cli;

import dev.es.runtime.admin.AuditEntry;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code es audit} prints: the newest actions taken through the admin API, of the last twelve months.
 *
 * @param entries newest first
 */
record AuditReport(List<AuditEntry> entries) implements Report {

  @Override
  public void printText(PrintWriter out) {
    if (entries.isEmpty()) {
      out.println("no action was taken through the admin API in the last twelve months");
      return;
    }
    Table table = new Table("TIME", "ACTOR", "ACTION", "TARGET", "DETAIL", "OUTCOME");
    entries.forEach(e -> table.row(e.at(), e.actor(), e.action(), e.target(), e.detail().isEmpty() ? null
        : e.detail(), e.outcome()));
    table.print(out);
  }
}
