package dev.es.spring.boot;

import dev.es.testkit.CassandraCluster;
import dev.es.testkit.SharedCassandra;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test application's {@code spring.cassandra.*} at the testkit's Cassandra, and es at a fresh keyspace. */
public final class TestCassandra {

  private TestCassandra() {}

  /** The shared node's contact points and data center, and a keyspace of the test's own. */
  public static void register(DynamicPropertyRegistry registry) {
    CassandraCluster cluster = SharedCassandra.get();
    registry.add("spring.cassandra.contact-points", () -> contactPoints(cluster));
    registry.add("spring.cassandra.local-datacenter", cluster::localDatacenter);
    registry.add("es.keyspace", TestCassandra::newKeyspace);
  }

  /** The shared node's contact points as {@code host:port,...}. */
  public static String contactPoints(CassandraCluster cluster) {
    return cluster.contactPoints().stream().map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }

  /** A keyspace name no other test uses. */
  public static String newKeyspace() {
    return "boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }
}
