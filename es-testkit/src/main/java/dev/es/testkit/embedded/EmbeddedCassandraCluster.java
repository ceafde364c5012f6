package dev.es.testkit.embedded;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several real Cassandra nodes on one machine, one JVM each, on the loopback addresses 127.0.0.1, 127.0.0.2, …
 * (the same ports on every address), with evenly spread tokens: a real replicated cluster for tests that kill and
 * restart nodes. Each node is a {@link NodeMain} JVM that exits with the JVM that started it.
 *
 * <p>The first node (the seed) starts alone; the others start together once it listens: they do not bootstrap
 * (each has its token and no data to stream), so they may join at the same time. Unlike a lone
 * {@link EmbeddedCassandra}, a killed node keeps its data, so {@link #restart(int)} brings it back on it.
 */
public final class EmbeddedCassandraCluster implements AutoCloseable {

  private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

  private final List<Path> classpath;
  private final List<NodeProcess> nodes = new ArrayList<>();

  private EmbeddedCassandraCluster(List<Path> classpath) {
    this.classpath = classpath;
  }

  /**
   * Starts {@code size} nodes, 127.0.0.1 first (the seed), and returns once all listen for CQL.
   *
   * @throws IllegalArgumentException if {@code size} is not between 1 and 9
   */
  public static EmbeddedCassandraCluster start(EmbeddedCassandraConfig config, int size) {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("a test cluster has 1 to 9 nodes, not " + size);
    }
    List<String> addresses = new ArrayList<>();
    for (int node = 1; node <= size; node++) {
      addresses.add("127.0.0." + node);
    }
    int nativePort = portFreeOnAll(addresses);
    int storagePort = portFreeOnAll(addresses);
    Path directory = config.baseDirectory().resolve("cluster-" + ProcessHandle.current().pid() + "-" + nativePort);
    EmbeddedCassandraCluster cluster = new EmbeddedCassandraCluster(NodeClasspath.resolve(config.cassandraVersion()));
    try {
      for (int node = 1; node <= size; node++) {
        NodeSpec spec = new NodeSpec(directory.resolve("node" + node), addresses.get(node - 1), nativePort,
            storagePort, addresses.get(0) + ":" + storagePort, token(node, size), node == 1, config);
        cluster.nodes.add(NodeProcess.launch(spec, cluster.classpath, false));
        if (node == 1) {
          // the others join through the seed: it must be up before they ask it
          cluster.nodes.get(0).awaitListening(config.startTimeout());
        }
      }
      for (NodeProcess joining : cluster.nodes.subList(1, size)) {
        joining.awaitListening(config.startTimeout());
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The token of node {@code node} (1-based) of {@code size}: the Murmur3 ring cut in equal parts. */
  static String token(int node, int size) {
    return RING.multiply(BigInteger.valueOf(node - 1)).divide(BigInteger.valueOf(size))
        .add(BigInteger.valueOf(Long.MIN_VALUE)).toString();
  }

  private static int portFreeOnAll(List<String> addresses) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = EmbeddedCassandra.freePort(addresses.get(0));
      if (addresses.stream().allMatch(address -> free(address, port))) {
        return port;
      }
    }
    throw new IllegalStateException("no port is free on all of " + addresses);
  }

  private static boolean free(String address, int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getByName(address)).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Every node's CQL address, node 1 first. */
  public List<InetSocketAddress> contactPoints() {
    return nodes.stream().map(node -> node.spec().contactPoint()).toList();
  }

  public int size() {
    return nodes.size();
  }

  /** Kills node {@code node} (1-based) with SIGKILL: no drain, no flush; its data stays for a restart. */
  public void kill(int node) {
    node(node).kill();
  }

  /** Starts a killed node again on its data and waits until it listens for CQL. */
  public void restart(int node) {
    NodeProcess old = node(node);
    if (old.isAlive()) {
      throw new IllegalStateException("node " + node + " (" + old.spec().address() + ") is running");
    }
    NodeProcess process = NodeProcess.launch(old.spec(), classpath, false);
    nodes.set(node - 1, process);
    process.awaitListening(old.spec().config().startTimeout());
  }

  public boolean isRunning(int node) {
    return node(node).isAlive();
  }

  public long pid(int node) {
    return node(node).pid();
  }

  /** The last lines of a node's log. */
  public String logTail(int node) {
    return node(node).logTail();
  }

  private NodeProcess node(int node) {
    if (node < 1 || node > nodes.size()) {
      throw new IllegalArgumentException("node must be 1.." + nodes.size() + ", was " + node);
    }
    return nodes.get(node - 1);
  }

  /** Kills every node and deletes their data (their logs stay). */
  @Override
  public void close() {
    nodes.forEach(NodeProcess::kill);
    nodes.forEach(NodeProcess::deleteData);
  }

  /** A description for logs and errors. */
  @Override
  public String toString() {
    return "embedded cluster of " + nodes.size() + " nodes " + contactPoints();
  }
}
