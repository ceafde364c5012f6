package dev.es.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A reachable Cassandra cluster: an external one, a Testcontainers container or an embedded node. Closing it
 * stops what the testkit started (an external cluster is left alone).
 */
public final class CassandraCluster implements AutoCloseable {

  private final List<InetSocketAddress> contactPoints;
  private final String localDatacenter;
  private final String description;
  private final Runnable stop;

  CassandraCluster(List<InetSocketAddress> contactPoints, String localDatacenter, String description, Runnable stop) {
    this.contactPoints = List.copyOf(contactPoints);
    this.localDatacenter = Objects.requireNonNull(localDatacenter, "localDatacenter");
    this.description = Objects.requireNonNull(description, "description");
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  public List<InetSocketAddress> contactPoints() {
    return contactPoints;
  }

  public String localDatacenter() {
    return localDatacenter;
  }

  /** Where the cluster comes from, e.g. {@code embedded node 127.0.0.1:40123 (pid 4711)}. */
  public String description() {
    return description;
  }

  /**
   * A session builder for this cluster with test-friendly timeouts (schema changes on a small node can take
   * seconds); add a keyspace or more options before {@code build()}.
   */
  public CqlSessionBuilder sessionBuilder() {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
            // Each DDL statement waits for the driver's schema refresh, debounced by this window (1 s by
            // default): tests create tables all the time, so a short window makes each DDL ~10x faster.
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
            // Closing a session waits this long for Netty to go quiet (2 s by default): tests open and close
            // sessions all the time, and nothing of theirs is in flight when they close one.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            .build();
    return CqlSession.builder()
        .addContactPoints(contactPoints)
        .withLocalDatacenter(localDatacenter)
        .withConfigLoader(config);
  }

  /** A new session, not bound to a keyspace; the caller closes it. */
  public CqlSession openSession() {
    return sessionBuilder().build();
  }

  /** A new session bound to an existing keyspace; the caller closes it. */
  public CqlSession openSession(String keyspace) {
    return sessionBuilder().withKeyspace(keyspace).build();
  }

  @Override
  public void close() {
    stop.run();
  }

  @Override
  public String toString() {
    return description;
  }
}
