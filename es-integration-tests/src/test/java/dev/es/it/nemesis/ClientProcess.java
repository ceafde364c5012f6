package dev.es.it.nemesis;

import dev.es.it.support.ChildJvm;
import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM of the nemesis run with the links that connect it to the nodes. */
final class ClientProcess implements AutoCloseable {

  final String name;
  final ChildJvm jvm;
  final ClientLinks links;

  private ClientProcess(String name, ChildJvm jvm, ClientLinks links) {
    this.name = name;
    this.jvm = jvm;
    this.links = links;
  }

  /**
   * Starts {@code main} with the proxy mapping of new links as its first argument, then {@code args}; what it prints
   * goes to {@code <name>.log} in {@code run}.
   */
  static ClientProcess start(Path run, String name, Class<?> main, List<InetSocketAddress> nodes, String... args)
      throws IOException {
    ClientLinks links = new ClientLinks(nodes);
    List<String> all = new ArrayList<>(List.of(links.mapping()));
    all.addAll(List.of(args));
    Path log = run.resolve(name.replace(' ', '-') + ".log");
    ChildJvm jvm = ChildJvm.start(log, List.of(EmbeddedCassandraConfig.QUICK_JIT), main, all.toArray(String[]::new));
    return new ClientProcess(name, jvm, links);
  }

  /** Sends a signal the JDK cannot: {@code STOP} or {@code CONT}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + jvm.pid() + " (" + name + ") failed");
    }
  }

  @Override
  public void close() throws Exception {
    jvm.close();
    links.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
