package dev.es.cli;

import java.io.PrintWriter;

/**
 * What a verb that changes something prints: what it did, in the audit table's words ({@code es audit} lists the
 * same action), and what follows from it.
 *
 * @param action what, as the audit table names it, e.g. {@code projection.pause}
 * @param target on what: a projection's or a saga's name
 * @param detail its arguments, e.g. the parked event retried; empty if none
 * @param actor who did it ({@code --as})
 * @param outcome {@code done}, or {@code requested} for what a runner carries out later
 * @param replay the replay requested, for a rebuild or a reset; null otherwise
 * @param effect what happens next, for a person
 */
record ActionReport(String action, String target, String detail, String actor, String outcome, Replay replay,
    String effect) implements Report {

  static ActionReport done(String action, String target, String detail, Connection by, String effect) {
    return new ActionReport(action, target, detail, by.actor(), "done", null, effect);
  }

  static ActionReport requested(String action, String target, String detail, Connection by, String effect) {
    return new ActionReport(action, target, detail, by.actor(), "requested", null, effect);
  }

  static ActionReport replay(String action, String target, String detail, Connection by, Replay replay) {
    return new ActionReport(action, target, detail, by.actor(), "requested", replay, "one runner hosting the"
        + " projection claims the replay and carries it out while the others hold back; es projection status shows"
        + " it until it is done");
  }

  @Override
  public void printText(PrintWriter out) {
    Table table = new Table().row("action", action).row("target", target);
    if (!detail.isEmpty()) {
      table.row("detail", detail);
    }
    table.row("actor", actor).row("outcome", outcome);
    if (replay != null) {
      table.row("replay", replay.describe());
    }
    table.row("effect", effect).print(out);
  }
}
