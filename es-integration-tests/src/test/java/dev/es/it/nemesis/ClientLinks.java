package dev.es.it.nemesis;

import dev.es.it.reliability.CuttableProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The links between one client process and each node: a {@link CuttableProxy} per node, cut and restored alone. */
final class ClientLinks implements AutoCloseable {

  private final List<InetSocketAddress> nodes;
  private final List<CuttableProxy> proxies = new ArrayList<>();

  ClientLinks(List<InetSocketAddress> nodes) throws IOException {
    this.nodes = nodes;
    for (InetSocketAddress node : nodes) {
      proxies.add(new CuttableProxy(node));
    }
  }

  /** The child's argument telling its {@link ProxyTranslator} where each node's proxy listens. */
  String mapping() {
    return ProxyTranslator.argument(nodes, proxies.stream().map(CuttableProxy::address).toList());
  }

  /** Cuts the link to node {@code node} (1-based). */
  void cut(int node) {
    proxies.get(node - 1).cut();
  }

  void restore(int node) {
    proxies.get(node - 1).restore();
  }

  @Override
  public void close() throws IOException {
    for (CuttableProxy proxy : proxies) {
      proxy.close();
    }
  }
}
