package dev.es.it.feed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time a local Cassandra node's process has used, from {@code /proc/<pid>/stat} (Linux): user plus system
 * time. The pid is the embedded node's (from the testkit's description of the cluster) or {@code ES_BENCH_NODE_PID}
 * for a node the benchmark did not start; without either, CPU is not measured.
 */
final class NodeCpu {

  /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux the project runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private static final Pattern PID = Pattern.compile("\\(pid (\\d+)");

  private final OptionalLong pid;

  NodeCpu(OptionalLong pid) {
    this.pid = pid;
  }

  /** The node of a cluster described by the testkit, or the one {@code ES_BENCH_NODE_PID} names. */
  static NodeCpu of(String clusterDescription) {
    Matcher m = PID.matcher(clusterDescription);
    if (m.find()) {
      return new NodeCpu(OptionalLong.of(Long.parseLong(m.group(1))));
    }
    String env = System.getenv("ES_BENCH_NODE_PID");
    return new NodeCpu(env == null || env.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(env.trim())));
  }

  OptionalLong pid() {
    return pid;
  }

  /** CPU milliseconds used so far, or -1 when not measured. */
  long millis() {
    if (pid.isEmpty()) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid.getAsLong()), "stat"));
      // Fields after the command name (which may contain spaces and ends with ')'): state is field 3,
      // utime field 14 and stime field 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of node pid " + pid.getAsLong(), e);
    }
  }
}
