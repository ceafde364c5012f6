package dev.es.testkit.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start an embedded node.
 *
 * @param cassandraVersion the {@code org.apache.cassandra:cassandra-all} version to run
 * @param baseDirectory the node gets a directory of its own below this one
 * @param address the loopback address to listen on
 * @param heap the node's heap, e.g. {@code 1g}
 * @param paxosVariant {@code v1} or {@code v2}, Cassandra's lightweight-transaction protocol
 * @param javaExecutable the {@code java} to run the node with (Cassandra 5.0 runs on Java 11 and 17)
 * @param startTimeout how long to wait for the node to listen for CQL
 * @param passwordAuthentication whether clients must log in and hold permissions: Cassandra's
 *     {@code PasswordAuthenticator}, {@code CassandraAuthorizer} and {@code CassandraRoleManager}, with the default
 *     superuser {@code cassandra}/{@code cassandra}
 * @param jvmOptions options added to the node's JVM after the testkit's own (which are Cassandra's for Java 17)
 */
public record EmbeddedCassandraConfig(
    String cassandraVersion,
    Path baseDirectory,
    String address,
    String heap,
    String paxosVariant,
    Path javaExecutable,
    Duration startTimeout,
    boolean passwordAuthentication,
    List<String> jvmOptions) {

  /**
   * A JVM option for {@link #withJvmOptions} that keeps the JIT at its first tier (C1): for nodes that live a few
   * minutes on few cores, whose C2 compiles would take a quarter of their CPU meanwhile (measured on a three-node
   * cluster on two cores), at the cost of slower code later.
   */
  public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  /** The Cassandra release the testkit runs unless told otherwise. */
  public static final String DEFAULT_CASSANDRA_VERSION = "5.0.6";

  public EmbeddedCassandraConfig {
    Objects.requireNonNull(cassandraVersion, "cassandraVersion");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(heap, "heap");
    Objects.requireNonNull(paxosVariant, "paxosVariant");
    Objects.requireNonNull(javaExecutable, "javaExecutable");
    Objects.requireNonNull(startTimeout, "startTimeout");
    jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
    if (!paxosVariant.equals("v1") && !paxosVariant.equals("v2")) {
      throw new IllegalArgumentException("paxosVariant must be v1 or v2, was " + paxosVariant);
    }
  }

  /**
   * The defaults: Cassandra {@value #DEFAULT_CASSANDRA_VERSION} on 127.0.0.1 with 1 GB of heap, under
   * {@code target/es-cassandra}, run by the current JVM's {@code java}, 90 s to start. System properties
   * {@code es.cassandra.version}, {@code es.cassandra.dir}, {@code es.cassandra.heap},
   * {@code es.cassandra.paxos} and {@code es.cassandra.java} override them.
   */
  public static EmbeddedCassandraConfig defaults() {
    return new EmbeddedCassandraConfig(
        System.getProperty("es.cassandra.version", DEFAULT_CASSANDRA_VERSION),
        Path.of(System.getProperty("es.cassandra.dir", "target/es-cassandra")).toAbsolutePath(),
        "127.0.0.1",
        System.getProperty("es.cassandra.heap", "1g"),
        System.getProperty("es.cassandra.paxos", "v1"),
        Path.of(System.getProperty("es.cassandra.java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString())),
        Duration.ofSeconds(90),
        false,
        List.of());
  }

  public EmbeddedCassandraConfig withBaseDirectory(Path directory) {
    return new EmbeddedCassandraConfig(cassandraVersion, directory, address, heap, paxosVariant, javaExecutable,
        startTimeout, passwordAuthentication, jvmOptions);
  }

  public EmbeddedCassandraConfig withStartTimeout(Duration timeout) {
    return new EmbeddedCassandraConfig(cassandraVersion, baseDirectory, address, heap, paxosVariant, javaExecutable,
        timeout, passwordAuthentication, jvmOptions);
  }

  /**
   * A node that requires logins and checks permissions (see {@link #passwordAuthentication()}). The superuser is
   * created as soon as the node has started rather than 10 s later, and permissions, roles and credentials are not
   * cached, so a {@code GRANT} or {@code REVOKE} applies to the next request. Logging in may still fail for a moment
   * after the node listens for CQL, until the superuser exists.
   */
  public EmbeddedCassandraConfig withPasswordAuthentication() {
    return new EmbeddedCassandraConfig(cassandraVersion, baseDirectory, address, heap, paxosVariant, javaExecutable,
        startTimeout, true, jvmOptions);
  }

  /** A node whose JVM also gets {@code options}, e.g. {@link #QUICK_JIT}. */
  public EmbeddedCassandraConfig withJvmOptions(String... options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(List.of(options));
    return new EmbeddedCassandraConfig(cassandraVersion, baseDirectory, address, heap, paxosVariant, javaExecutable,
        startTimeout, passwordAuthentication, all);
  }
}
