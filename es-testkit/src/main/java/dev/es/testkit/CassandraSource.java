package dev.es.testkit;

import dev.es.testkit.embedded.EmbeddedCassandra;
import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where the Cassandra for tests and for the example comes from, chosen in this order:
 *
 * <ol>
 *   <li>{@value #CONTACT_POINTS} set ({@code host:port,host:port}; {@value #DATACENTER}, default
 *       {@code datacenter1}) → that cluster;
 *   <li>else a reachable Docker engine → Testcontainers' {@code cassandra:5.0} image;
 *   <li>else an embedded node: its own JVM running {@code cassandra-all} from Maven Central.
 * </ol>
 *
 * {@value #PROVIDER} ({@code external}, {@code docker} or {@code embedded}) forces a choice.
 */
public sealed interface CassandraSource {

  String CONTACT_POINTS = "ES_CASSANDRA_CONTACT_POINTS";
  String DATACENTER = "ES_CASSANDRA_DATACENTER";
  String PROVIDER = "ES_CASSANDRA_PROVIDER";
  String DEFAULT_DATACENTER = "datacenter1";
  int DEFAULT_PORT = 9042;

  /** Starts (or, for an external cluster, just describes) the chosen Cassandra. */
  CassandraCluster start();

  /** A running cluster given by contact points; never started or stopped by the testkit. */
  record External(List<InetSocketAddress> contactPoints, String datacenter) implements CassandraSource {
    public External {
      contactPoints = List.copyOf(contactPoints);
    }

    @Override
    public CassandraCluster start() {
      List<InetSocketAddress> resolved =
          contactPoints.stream().map(point -> new InetSocketAddress(point.getHostString(), point.getPort())).toList();
      return new CassandraCluster(resolved, datacenter, "external cluster " + contactPoints, () -> {});
    }
  }

  /** A container started by Testcontainers. */
  record Docker() implements CassandraSource {
    @Override
    public CassandraCluster start() {
      return CassandraContainers.start();
    }
  }

  /** A node in its own JVM. */
  record Embedded(EmbeddedCassandraConfig config) implements CassandraSource {
    @Override
    public CassandraCluster start() {
      EmbeddedCassandra node = EmbeddedCassandra.start(config);
      return new CassandraCluster(
          List.of(node.contactPoint()),
          DEFAULT_DATACENTER,
          "embedded node " + node.contactPoint().getHostString() + ":" + node.contactPoint().getPort()
              + " (pid " + node.pid() + ", " + node.directory() + ")",
          node::close);
    }
  }

  /** The choice for this process's environment. */
  static CassandraSource fromEnvironment() {
    return choose(System.getenv(), () -> DockerDetection.available(System.getenv()), EmbeddedCassandraConfig.defaults());
  }

  /**
   * The decision, separated from the world so it can be tested.
   *
   * @throws IllegalArgumentException naming the variable when a setting cannot be understood
   */
  static CassandraSource choose(Map<String, String> env, BooleanSupplier dockerAvailable, EmbeddedCassandraConfig embedded) {
    String forced = blankToNull(env.get(PROVIDER));
    String contactPoints = blankToNull(env.get(CONTACT_POINTS));
    String datacenter = blankToNull(env.get(DATACENTER));
    if (forced != null) {
      switch (forced.toLowerCase(Locale.ROOT)) {
        case "external":
          if (contactPoints == null) {
            throw new IllegalArgumentException(PROVIDER + "=external needs " + CONTACT_POINTS + " (host:port,host:port)");
          }
          return new External(parseContactPoints(contactPoints), datacenter == null ? DEFAULT_DATACENTER : datacenter);
        case "docker":
          return new Docker();
        case "embedded":
          return new Embedded(embedded);
        default:
          throw new IllegalArgumentException(
              PROVIDER + " must be external, docker or embedded, was '" + forced + "'");
      }
    }
    if (contactPoints != null) {
      return new External(parseContactPoints(contactPoints), datacenter == null ? DEFAULT_DATACENTER : datacenter);
    }
    return dockerAvailable.getAsBoolean() ? new Docker() : new Embedded(embedded);
  }

  /** Parses {@code host:port,host:port}; a missing port means {@value #DEFAULT_PORT}. */
  static List<InetSocketAddress> parseContactPoints(String value) {
    List<InetSocketAddress> points = new ArrayList<>();
    for (String entry : value.split(",")) {
      String point = entry.strip();
      if (point.isEmpty()) {
        throw new IllegalArgumentException(CONTACT_POINTS + " has an empty entry: '" + value + "'");
      }
      int colon = point.lastIndexOf(':');
      String host = colon < 0 ? point : point.substring(0, colon);
      int port = DEFAULT_PORT;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(point.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(CONTACT_POINTS + " entry '" + point + "' has no valid port", e);
        }
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new IllegalArgumentException(CONTACT_POINTS + " entry '" + point + "' is not host:port");
      }
      points.add(InetSocketAddress.createUnresolved(host, port));
    }
    return points;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
