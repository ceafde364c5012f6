package dev.es.testkit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Cassandra node in its own JVM, started from Maven Central's {@code cassandra-all} on free loopback ports.
 *
 * <p>Its configuration, data and log live in a directory of its own; the data is deleted when the node is closed,
 * the log is kept. The node exits by itself when the JVM that started it dies, even by {@code kill -9}
 * (see {@link NodeMain}).
 */
public final class EmbeddedCassandra implements AutoCloseable {

  private final NodeProcess node;

  private EmbeddedCassandra(NodeProcess node) {
    this.node = node;
  }

  /** Starts a node and returns once it accepts CQL connections. */
  public static EmbeddedCassandra start(EmbeddedCassandraConfig config) {
    List<Path> classpath = NodeClasspath.resolve(config.cassandraVersion());
    int nativePort = freePort(config.address());
    int storagePort = freePort(config.address());
    Path directory = config.baseDirectory().resolve("node-" + ProcessHandle.current().pid() + "-" + nativePort);
    NodeSpec spec = new NodeSpec(directory, config.address(), nativePort, storagePort,
        config.address() + ":" + storagePort, "0", true, config);
    NodeProcess node = NodeProcess.launch(spec, classpath, true);
    node.awaitListening(config.startTimeout());
    return new EmbeddedCassandra(node);
  }

  /** A free port on the address, as the OS hands them out. */
  static int freePort(String address) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + address, e);
    }
  }

  /** The last lines of the node's log (or of its standard output when the log is empty). */
  public String logTail() {
    return node.logTail();
  }

  /** The node's CQL address. */
  public InetSocketAddress contactPoint() {
    return node.spec().contactPoint();
  }

  /** The node's directory: configuration, data and {@code cassandra.log}. */
  public Path directory() {
    return node.spec().directory();
  }

  /** The node's process id. */
  public long pid() {
    return node.pid();
  }

  /**
   * Stops the node and deletes its data (the log stays). The node is killed rather than drained: its data is
   * thrown away anyway, and a drain takes about 15 s.
   */
  @Override
  public void close() {
    node.kill();
    node.deleteData();
  }
}
