package dev.es.testkit.embedded;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedCassandraTest}: starts a node, prints what the test checks, then waits to
 * be killed.
 */
public final class EmbeddedNodeProbe {

  public static void main(String[] args) throws Exception {
    EmbeddedCassandra node = EmbeddedCassandra.start(EmbeddedCassandraConfig.defaults().withBaseDirectory(Path.of(args[0])));
    InetSocketAddress contactPoint = node.contactPoint();
    try (CqlSession session =
        CqlSession.builder().addContactPoint(contactPoint).withLocalDatacenter("datacenter1").build()) {
      System.out.println("release_version=" + session.execute("SELECT release_version FROM system.local").one().getString(0));
    }
    System.out.println("node_pid=" + node.pid());
    System.out.println("node_dir=" + node.directory());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
