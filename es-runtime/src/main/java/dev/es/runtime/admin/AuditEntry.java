package dev.es.runtime.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One action taken through {@link EsAdmin}, as the audit table keeps it.
 *
 * @param at when it was taken
 * @param id the row's id (a time-based UUID)
 * @param actor who took it
 * @param action what, e.g. {@code projection.pause}
 * @param target on what: a projection's name
 * @param detail its arguments, e.g. the positions of a reset or the parked event retried
 * @param outcome {@code done}, or why it did nothing or failed
 */
public record AuditEntry(Instant at, UUID id, String actor, String action, String target, String detail,
    String outcome) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(outcome, "outcome");
  }
}
