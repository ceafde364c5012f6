package dev.es.testkit;

/**
 * The one Cassandra of this JVM, shared by every test class: chosen by {@link CassandraSource#fromEnvironment()},
 * started on first use and stopped by a shutdown hook when the JVM exits.
 */
public final class SharedCassandra {

  private static CassandraCluster cluster;

  private SharedCassandra() {}

  /** The shared cluster, started on the first call. */
  public static synchronized CassandraCluster get() {
    if (cluster == null) {
      CassandraCluster started = CassandraSource.fromEnvironment().start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "es-cassandra-stop"));
      cluster = started;
    }
    return cluster;
  }
}
