package dev.es.it.reliability;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a Cassandra node, through which a client sees the node go away and come
 * back: {@link #cut()} closes every open connection and refuses new ones (the client sees exactly what it sees
 * when a node dies or the network drops: connections reset, then no node to talk to), {@link #restore()} lets
 * connections through again. {@link #swallowResponses(boolean)} lets requests reach the node but drops its
 * answers, the way a connection lost right after sending a request looks from the client.
 *
 * <p>The node itself keeps running, so its data stays: the test can check what the client's requests left behind
 * through a session that does not go through the proxy.
 */
public final class CuttableProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong requestBytes = new AtomicLong();
  private volatile boolean up = true;
  private volatile boolean swallowResponses;
  private volatile boolean closed;

  public CuttableProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A session that reaches the node only through this proxy, configured as an application would be for outages:
   * the given request timeout, short connection timeouts and quick reconnection.
   */
  CqlSession openSession(String localDatacenter, Duration requestTimeout) {
    return CqlSession.builder().addContactPoint(address()).withLocalDatacenter(localDatacenter)
        .withConfigLoader(outageConfig(requestTimeout)).build();
  }

  /** The driver configuration of {@link #openSession}. */
  static DriverConfigLoader outageConfig(Duration requestTimeout) {
    return DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofMillis(500))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
        .build();
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  /** Closes all connections now and refuses new ones until {@link #restore()}. */
  public void cut() {
    up = false;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  public void restore() {
    swallowResponses = false;
    up = true;
  }

  void swallowResponses(boolean swallow) {
    swallowResponses = swallow;
  }

  /** Bytes clients sent through the proxy so far. */
  long requestBytes() {
    return requestBytes.get();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!up) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket node = new Socket();
        node.connect(target, 2_000);
        client.setTcpNoDelay(true);
        node.setTcpNoDelay(true);
        open.add(client);
        open.add(node);
        pump(client, node, true);
        pump(node, client, false);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean request) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (request) {
            requestBytes.addAndGet(n);
          } else if (swallowResponses) {
            continue;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // the other side or cut() closed the connection
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "proxy-" + (request ? "request" : "response"));
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cut();
    server.close();
  }
}
