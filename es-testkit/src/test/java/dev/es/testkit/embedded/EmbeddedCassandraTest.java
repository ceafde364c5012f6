package dev.es.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCassandraTest {

  /**
   * The whole life of a node started by a JVM that then dies by SIGKILL, which runs no shutdown hook: the node
   * answers CQL as Cassandra 5.0, and exits by itself once its parent is gone.
   */
  @Test
  void nodeServesCassandra50AndDiesWithAKilledParent() throws Exception {
    Path base = Path.of("target", "es-cassandra-probe").toAbsolutePath();
    Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EmbeddedNodeProbe.class.getName(),
                base.toString())
            .redirectErrorStream(true)
            .start();
    Map<String, String> printed = new HashMap<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (!printed.containsKey("node_dir") && (line = reader.readLine()) != null) {
        output.append(line).append('\n');
        int eq = line.indexOf('=');
        if (eq > 0) {
          printed.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } finally {
      if (!printed.containsKey("node_dir")) {
        parent.destroyForcibly();
      }
    }
    assertThat(printed).as("probe output:%n%s", output).containsKeys("release_version", "node_pid", "node_dir");
    assertThat(printed.get("release_version")).startsWith("5.0");
    ProcessHandle node = ProcessHandle.of(Long.parseLong(printed.get("node_pid"))).orElseThrow();
    assertThat(node.isAlive()).isTrue();
    assertThat(Path.of(printed.get("node_dir")).startsWith(base)).isTrue();

    parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
    assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

    await("node exits after its parent was killed").atMost(Duration.ofSeconds(60)).until(() -> !node.isAlive());
  }

  @Test
  void aNodeThatCannotStartFailsWithTheTailOfItsLog(@TempDir Path dir) {
    // A heap too small for Cassandra: the JVM exits at once, and the error must show why.
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.defaults().withBaseDirectory(dir);
    EmbeddedCassandraConfig tooSmall =
        new EmbeddedCassandraConfig(config.cassandraVersion(), dir, config.address(), "1m",
            config.paxosVariant(), config.javaExecutable(), Duration.ofSeconds(30), false, List.of());

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> EmbeddedCassandra.start(tooSmall));

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("Last lines of its log")
        .hasMessageContaining("heap");
    assertThat(Files.exists(dir)).isTrue();
  }

  @Test
  void jvmOptionsGivenInTheConfigReachTheNodesCommandLineAfterTheTestkitsOwn(@TempDir Path dir) throws Exception {
    // the heap too small again, so the node exits at once: only its command line matters here
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.defaults().withBaseDirectory(dir);
    EmbeddedCassandraConfig withOptions = new EmbeddedCassandraConfig(config.cassandraVersion(), dir,
        config.address(), "1m", config.paxosVariant(), config.javaExecutable(), Duration.ofSeconds(30), false,
        List.of()).withJvmOptions(EmbeddedCassandraConfig.QUICK_JIT, "-Des.test.marker=yes");

    org.assertj.core.api.Assertions.catchThrowable(() -> EmbeddedCassandra.start(withOptions));

    Path commandFile;
    try (Stream<Path> files = Files.walk(dir)) {
      commandFile = files.filter(file -> file.getFileName().toString().equals("command.txt")).findFirst()
          .orElseThrow();
    }
    String command = Files.readString(commandFile);
    assertThat(command).contains(" -XX:TieredStopAtLevel=1 -Des.test.marker=yes ");
    assertThat(command.indexOf("-Dcassandra.ring_delay_ms=0")).isLessThan(command.indexOf("-Des.test.marker=yes"));
  }
}
