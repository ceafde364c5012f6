package dev.es.testkit.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Cassandra node's JVM: launched from a {@link NodeSpec}, watched until it listens for CQL, killed. */
final class NodeProcess {

  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
  private static final String RESOURCES = "/dev/es/testkit/embedded/";
  private static final int LOG_TAIL_LINES = 60;
  /** Flags that only a node starting a cluster (or a lone node) may have; see {@link NodeSpec#firstNode()}. */
  private static final Set<String> FIRST_NODE_ONLY =
      Set.of("-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=0");
  private static final List<String> DATA = List.of("data", "commitlog", "saved_caches", "hints", "cdc");
  /**
   * Logins and permissions; nothing cached (a grant or revoke applies to the next request), as the tests that use
   * them change roles and grants while connected.
   */
  private static final String PASSWORD_AUTHENTICATION = String.join("\n",
      "authenticator: PasswordAuthenticator",
      "authorizer: CassandraAuthorizer",
      "role_manager: CassandraRoleManager",
      "roles_validity: 0ms",
      "permissions_validity: 0ms",
      "credentials_validity: 0ms");

  private final NodeSpec spec;
  private final Process process;

  private NodeProcess(NodeSpec spec, Process process) {
    this.spec = spec;
    this.process = process;
  }

  /** Writes the node's configuration (if it is not there yet, so a restart keeps it) and launches its JVM. */
  static NodeProcess launch(NodeSpec spec, List<Path> classpath, boolean throwaway) {
    Path directory = spec.directory();
    try {
      Files.createDirectories(directory);
      Map<String, String> values = Map.of(
          "dir", directory.toAbsolutePath().toString(),
          "address", spec.address(),
          "seed", spec.seed(),
          "initial_token", spec.initialToken(),
          "storage_port", Integer.toString(spec.storagePort()),
          "native_port", Integer.toString(spec.nativePort()),
          "paxos_variant", spec.config().paxosVariant(),
          "authentication", spec.config().passwordAuthentication() ? PASSWORD_AUTHENTICATION : "",
          "log_file", directory.resolve("cassandra.log").toAbsolutePath().toString());
      Path yaml = writeTemplate("cassandra.yaml", directory, values);
      Path logback = writeTemplate("logback.xml", directory, values);
      List<String> command = command(spec, classpath, yaml, logback, throwaway);
      Files.writeString(directory.resolve("command.txt"), String.join(" ", command));
      LOG.info("Starting embedded Cassandra {} on {}:{} in {}", spec.config().cassandraVersion(), spec.address(),
          spec.nativePort(), directory);
      Process process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
          .start();
      return new NodeProcess(spec, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded Cassandra in " + directory, e);
    }
  }

  private static List<String> command(
      NodeSpec spec, List<Path> classpath, Path yaml, Path logback, boolean throwaway) throws IOException {
    EmbeddedCassandraConfig config = spec.config();
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.add("-Xms" + config.heap());
    command.add("-Xmx" + config.heap());
    for (String option : jvmOptions()) {
      if (spec.firstNode() || !FIRST_NODE_ONLY.contains(option)) {
        command.add(option);
      }
    }
    command.addAll(config.jvmOptions());
    if (config.passwordAuthentication()) {
      // Cassandra creates the default superuser 10 s after startup unless told otherwise
      command.add("-Dcassandra.superuser_setup_delay_ms=0");
    }
    if (throwaway) {
      // skips fsync of system tables: schema changes are much faster; only for a node whose data is thrown away,
      // never for one that is killed and restarted on its data
      command.add("-Dcassandra.unsafesystem=true");
    }
    command.add("-Dcassandra.config=" + yaml.toUri());
    command.add("-Dcassandra.storagedir=" + spec.directory().toAbsolutePath());
    command.add("-Dcassandra.logdir=" + spec.directory().toAbsolutePath());
    command.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
    command.add("-cp");
    command.add(Stream.concat(Stream.of(ownCodeSource()), classpath.stream())
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
    return readResource("jvm-options.txt").lines()
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
    try (InputStream in = NodeProcess.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("Missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Returns once the node accepts CQL connections; kills it and fails with its log's tail if it does not. */
  void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before listening for CQL");
      }
      try (Socket socket = new Socket()) {
        socket.connect(spec.contactPoint(), 500);
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    kill();
    throw failure("was not listening for CQL on " + spec.contactPoint() + " within " + timeout.toSeconds() + " s");
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException(
        "Embedded Cassandra in " + spec.directory() + " " + what + ". Last lines of its log:\n" + logTail());
  }

  /** The last lines of the node's log (or of its standard output when the log is empty). */
  String logTail() {
    for (String file : List.of("cassandra.log", "stdout.log")) {
      Path log = spec.directory().resolve(file);
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

  /** SIGKILL, and waits for the JVM to be gone. Its data stays. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Embedded Cassandra (pid {}) did not exit within 30 s", process.pid());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes the node's data (not its configuration or log). */
  void deleteData() {
    for (String data : DATA) {
      Path root = spec.directory().resolve(data);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        LOG.warn("Cannot delete {}: {}", root, e.getMessage());
      }
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  NodeSpec spec() {
    return spec;
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for embedded Cassandra", e);
    }
  }
}
