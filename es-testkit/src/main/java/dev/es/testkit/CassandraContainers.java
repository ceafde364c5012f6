package dev.es.testkit;

import java.util.List;
import org.testcontainers.cassandra.CassandraContainer;

/** The Testcontainers path: the official {@code cassandra:5.0} image, used when a Docker engine is reachable. */
final class CassandraContainers {

  static final String IMAGE = "cassandra:5.0";

  private CassandraContainers() {}

  static CassandraCluster start() {
    CassandraContainer container = new CassandraContainer(IMAGE);
    container.start();
    return new CassandraCluster(
        List.of(container.getContactPoint()),
        container.getLocalDatacenter(),
        "Testcontainers " + IMAGE + " at " + container.getContactPoint(),
        container::stop);
  }
}
