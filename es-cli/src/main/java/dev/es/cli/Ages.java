package dev.es.cli;

import java.time.Duration;

/** How long something has waited, as a person reads it: to the unit that matters. */
final class Ages {

  private Ages() {}

  /** {@code 850ms}, {@code 12s}, {@code 4m07s}, {@code 2h05m}, {@code 2d01h}. */
  static String of(long millis) {
    Duration age = Duration.ofMillis(millis);
    if (age.toSeconds() == 0) {
      return millis + "ms";
    }
    if (age.toMinutes() == 0) {
      return age.toSeconds() + "s";
    }
    if (age.toHours() == 0) {
      return String.format("%dm%02ds", age.toMinutes(), age.toSecondsPart());
    }
    if (age.toDays() == 0) {
      return String.format("%dh%02dm", age.toHours(), age.toMinutesPart());
    }
    return String.format("%dd%02dh", age.toDays(), age.toHoursPart());
  }
}
