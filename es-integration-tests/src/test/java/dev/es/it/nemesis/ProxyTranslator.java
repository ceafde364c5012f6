package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.addresstranslation.AddressTranslator;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.context.DriverContext;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a client's connections to each node through that node's proxy: the driver learns the nodes' own addresses
 * from the cluster (system.peers) and would connect to them directly; this translator maps each to the proxy the
 * parent test set up for this client and that node ({@code host:port=proxyHost:proxyPort} entries of
 * {@link #MAPPING}), so that the parent can cut this client off from one node.
 */
public final class ProxyTranslator implements AddressTranslator {

  /** The driver option holding the mapping, one {@code host:port=proxyHost:proxyPort} entry per node. */
  static final DriverOption MAPPING = () -> "advanced.address-translator.es-proxies";

  private final Map<String, InetSocketAddress> proxies = new HashMap<>();

  public ProxyTranslator(DriverContext context) {
    for (String entry : context.getConfig().getDefaultProfile().getStringList(MAPPING)) {
      String[] parts = entry.split("=");
      if (parts.length != 2) {
        throw new IllegalArgumentException("proxy mapping entry must be host:port=proxyHost:proxyPort, was " + entry);
      }
      proxies.put(parts[0], parse(parts[1]));
    }
  }

  static InetSocketAddress parse(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address must be host:port, was " + hostAndPort);
    }
    return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  static String key(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** The mapping's entries as the child's argument: node addresses to proxy addresses, comma-separated. */
  static String argument(List<InetSocketAddress> nodes, List<InetSocketAddress> proxies) {
    StringBuilder mapping = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      mapping.append(i == 0 ? "" : ",").append(key(nodes.get(i))).append('=').append(key(proxies.get(i)));
    }
    return mapping.toString();
  }

  @Override
  public InetSocketAddress translate(InetSocketAddress address) {
    InetSocketAddress proxy = proxies.get(key(address));
    if (proxy == null) {
      throw new IllegalStateException("no proxy for node " + key(address) + "; known: " + proxies.keySet());
    }
    return proxy;
  }

  @Override
  public void close() {}
}
