package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Run by {@link ScaleOutCrashTest} in its own JVM: a runner named {@code child} that takes one range of the
 * {@link HandlingLog} projection, until it is killed. Arguments: host, port, datacenter, keyspace.
 */
public final class ScaleOutChild {

  public static void main(String[] args) throws Exception {
    CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession();
    FeedFixture fixture = new FeedFixture(session, args[3], ScaleOutCrashTest.OPTIONS);
    ProjectionRunner.builder(fixture.feed).owner("child").maxRanges(1)
        .add(new HandlingLog(session, args[3], "child", ScaleOutCrashTest.MAX_HANDLER_MILLIS),
            ProjectionOptions.defaults().withConcurrency(4))
        .checkpointInterval(Duration.ofMillis(50))
        .build().start();
    System.out.println("STARTED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private ScaleOutChild() {}
}
