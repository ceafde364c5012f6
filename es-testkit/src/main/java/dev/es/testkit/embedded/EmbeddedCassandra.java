package dev.es.testkit.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Cassandra node in its own JVM, started from Maven Central's {@code cassandra-all} on free loopback ports.
 *
 * <p>Its configuration, data and log live in a directory of its own; the data is deleted when the node is closed,
 * the log is kept. The node exits by itself when the JVM that started it dies, even by {@code kill -9}
 * (see {@link NodeMain}).
 */
public final class EmbeddedCassandra implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCassandra.class);
  private static final String RESOURCES = "/dev/es/testkit/embedded/";
  private static final int LOG_TAIL_LINES = 60;

  private final Process process;
  private final Path directory;
  private final InetSocketAddress contactPoint;

  private EmbeddedCassandra(Process process, Path directory, InetSocketAddress contactPoint) {
    this.process = process;
    this.directory = directory;
    this.contactPoint = contactPoint;
  }

  /** Starts a node and returns once it accepts CQL connections. */
  public static EmbeddedCassandra start(EmbeddedCassandraConfig config) {
    List<Path> classpath = NodeClasspath.resolve(config.cassandraVersion());
    int nativePort = freePort(config.address());
    int storagePort = freePort(config.address());
    Path directory = config.baseDirectory().resolve("node-" + ProcessHandle.current().pid() + "-" + nativePort);
    try {
      Files.createDirectories(directory);
      Map<String, String> values =
          Map.of(
              "dir", directory.toAbsolutePath().toString(),
              "address", config.address(),
              "storage_port", Integer.toString(storagePort),
              "native_port", Integer.toString(nativePort),
              "paxos_variant", config.paxosVariant(),
              "log_file", directory.resolve("cassandra.log").toAbsolutePath().toString());
      Path yaml = writeTemplate("cassandra.yaml", directory, values);
      Path logback = writeTemplate("logback.xml", directory, values);
      List<String> command = command(config, classpath, directory, yaml, logback);
      Files.writeString(directory.resolve("command.txt"), String.join(" ", command));
      LOG.info("Starting embedded Cassandra {} on {}:{} in {}", config.cassandraVersion(), config.address(),
          nativePort, directory);
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("stdout.log").toFile())
              .start();
      EmbeddedCassandra node =
          new EmbeddedCassandra(process, directory, new InetSocketAddress(config.address(), nativePort));
      node.awaitListening(config.startTimeout());
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded Cassandra in " + directory, e);
    }
  }

  private static List<String> command(
      EmbeddedCassandraConfig config, List<Path> classpath, Path directory, Path yaml, Path logback)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.add("-Xms" + config.heap());
    command.add("-Xmx" + config.heap());
    command.addAll(jvmOptions());
    command.add("-Dcassandra.config=" + yaml.toUri());
    command.add("-Dcassandra.storagedir=" + directory.toAbsolutePath());
    command.add("-Dcassandra.logdir=" + directory.toAbsolutePath());
    command.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
    command.add("-cp");
    command.add(
        Stream.concat(Stream.of(ownCodeSource()), classpath.stream())
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator)));
    command.add(NodeMain.class.getName());
    return command;
  }

  /** Where {@link NodeMain} is: the node JVM loads only that class from the testkit. */
  private static Path ownCodeSource() {
    try {
      return Path.of(NodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the es-testkit classes", e);
    }
  }

  private static List<String> jvmOptions() throws IOException {
    return readResource("jvm-options.txt")
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static Path writeTemplate(String name, Path directory, Map<String, String> values) throws IOException {
    String text = readResource(name);
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", value.getValue());
    }
    return Files.writeString(directory.resolve(name), text);
  }

  private static String readResource(String name) throws IOException {
    try (InputStream in = EmbeddedCassandra.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("Missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int freePort(String address) {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + address, e);
    }
  }

  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before listening for CQL");
      }
      try (Socket socket = new Socket()) {
        socket.connect(contactPoint, 500);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(250));
      }
    }
    process.destroyForcibly();
    throw failure("was not listening for CQL on " + contactPoint + " within " + timeout.toSeconds() + " s");
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException(
        "Embedded Cassandra in " + directory + " " + what + ". Last lines of its log:\n" + logTail());
  }

  /** The last lines of the node's log (or of its standard output when the log is empty). */
  public String logTail() {
    for (String file : List.of("cassandra.log", "stdout.log")) {
      Path log = directory.resolve(file);
      try {
        if (Files.exists(log) && Files.size(log) > 0) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        }
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e.getMessage() + ")";
      }
    }
    return "(the node wrote no log)";
  }

  /** The node's CQL address. */
  public InetSocketAddress contactPoint() {
    return contactPoint;
  }

  /** The node's directory: configuration, data and {@code cassandra.log}. */
  public Path directory() {
    return directory;
  }

  /** The node's process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * Stops the node and deletes its data (the log stays). The node is killed rather than drained: its data is
   * thrown away anyway, and a drain takes about 15 s.
   */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Embedded Cassandra (pid {}) did not exit within 30 s", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String data : List.of("data", "commitlog", "saved_caches", "hints", "cdc")) {
      deleteRecursively(directory.resolve(data));
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", root, e.getMessage());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for embedded Cassandra", e);
    }
  }
}
