package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Run by {@link TwoRunnersTest} in its own JVM: a projection runner named {@code a} that handles the shared
 * projection until it is killed. Arguments: host, port, datacenter, keyspace.
 */
public final class RunnerChild {

  public static void main(String[] args) throws Exception {
    CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession();
    FeedFixture fixture = new FeedFixture(session, args[3], TwoRunnersTest.OPTIONS);
    fixture.feed.startPublishing("child");
    ProjectionRunner.builder(fixture.feed).owner("a").add(new HandledTable(session, args[3], "a")).build().start();
    System.out.println("STARTED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private RunnerChild() {}
}
