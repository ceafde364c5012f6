package dev.es.testkit.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One node's place in a (possibly one-node) cluster: where it lives, where it listens, whom it asks to join.
 *
 * @param directory its configuration, data and log
 * @param address the loopback address it listens on
 * @param nativePort its CQL port
 * @param storagePort its internode port (the same on every node of a cluster: nodes differ by address)
 * @param seed {@code address:storagePort} of the node the others join through
 * @param initialToken its token on the ring (one token per node)
 * @param firstNode whether it starts the cluster: only a lone or first node may skip waiting for gossip, a joining
 *     node with those flags fails with "Unable to contact any seeds"
 * @param config heap, Paxos variant, Java and start timeout
 */
record NodeSpec(
    Path directory,
    String address,
    int nativePort,
    int storagePort,
    String seed,
    String initialToken,
    boolean firstNode,
    EmbeddedCassandraConfig config) {

  InetSocketAddress contactPoint() {
    return new InetSocketAddress(address, nativePort);
  }
}
