package dev.es.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's main class run in a JVM of its own, so that the test can kill it with SIGKILL at a chosen moment. */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::pump, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return start(null, List.of(), mainClass, args);
  }

  /**
   * As {@link #start(Class, String...)} with {@code jvmOptions}, also writing everything the child prints to
   * {@code log} as it comes, for children whose output matters after their start line (a long run's processes).
   */
  public static ChildJvm start(Path log, List<String> jvmOptions, Class<?> mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
  }

  private void pump() {
    try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer copy = log == null ? Writer.nullWriter() : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        copy.write(line + "\n");
        copy.flush();
      }
    } catch (IOException ignored) {
      // the child was killed
    }
  }

  /** Waits for a line starting with {@code prefix}; fails with the child's output if it does not come. */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        output.add(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      } else if (!process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("child never printed '" + prefix + "'; its output:\n" + String.join("\n", output));
  }

  /** The child's process id, for signals the JDK does not send (SIGSTOP, SIGCONT). */
  public long pid() {
    return process.pid();
  }

  /** Writes one line to the child's standard input: a command for children that read one. */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** SIGKILL: no shutdown hook, no finally block, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("child did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
