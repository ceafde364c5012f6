package dev.es.examples;

import java.io.PrintStream;

/** What the example verifies as it goes; the exit code is 0 only if every check passed. */
final class Checks {

  private final PrintStream out;
  private int passed;
  private int failed;

  Checks(PrintStream out) {
    this.out = out;
  }

  void check(String what, boolean ok) {
    if (ok) {
      passed++;
      out.println("  [ok]     " + what);
    } else {
      failed++;
      out.println("  [FAILED] " + what);
    }
  }

  boolean allPassed() {
    return failed == 0;
  }

  String summary() {
    return passed + " checks passed, " + failed + " failed";
  }
}
