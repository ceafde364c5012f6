package dev.es.it.store.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine has spent busy (every process: the client, a Cassandra node beside it, anything
 * else), from Linux's {@code /proc/stat}: on a machine where client and node share the cores, what one operation
 * costs the machine is what limits the rate.
 */
final class MachineCpu {

  private static final Path STAT = Path.of("/proc/stat");
  /** {@code /proc/stat} counts in clock ticks of 1/100 s on every Linux architecture Java runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private MachineCpu() {}

  /** Busy CPU time of all cores since boot, in nanoseconds; -1 where {@code /proc/stat} cannot be read. */
  static long busyNanos() {
    try {
      // first line: "cpu  user nice system idle iowait irq softirq steal ..."
      String[] ticks = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < ticks.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle and iowait
          busy += Long.parseLong(ticks[i]);
        }
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
