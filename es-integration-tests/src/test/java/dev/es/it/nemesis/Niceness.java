package dev.es.it.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lowers a process's CPU priority to nice 10, every thread of it ({@code renice} on Linux changes one thread). A
 * killed node restarting next to two busy nodes and six client JVMs on two cores got a sixth of a core and took
 * minutes; with the others lowered while it starts, it takes about as long as a first start. An unprivileged process
 * cannot raise a priority again, so the restarted node is lowered too once it is back: all end at the same level.
 */
final class Niceness {

  private static final String LOWERED = "10";

  private Niceness() {}

  static void lower(long pid) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("renice", "-n", LOWERED, "-p"));
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      threads.map(thread -> thread.getFileName().toString()).forEach(command::add);
    } catch (IOException gone) {
      return; // the process has exited: nothing to lower
    }
    Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(renice.getInputStream().readAllBytes());
    // a thread that ends between the listing and renice is reported as not found, and needs nothing
    if (renice.waitFor() != 0 && !output.contains("No such process")) {
      throw new IllegalStateException("renice of process " + pid + " failed: " + output);
    }
  }
}
