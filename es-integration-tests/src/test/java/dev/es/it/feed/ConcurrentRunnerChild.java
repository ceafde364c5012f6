package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Run by {@link ConcurrentRunnerCrashTest} in its own JVM: a runner named {@code child} that handles the
 * {@link HandlingLog} projection with concurrency 8, checkpointing often, until it is killed. Arguments: host,
 * port, datacenter, keyspace.
 */
public final class ConcurrentRunnerChild {

  public static void main(String[] args) throws Exception {
    CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession();
    FeedFixture fixture = new FeedFixture(session, args[3], ConcurrentRunnerCrashTest.OPTIONS);
    ProjectionRunner.builder(fixture.feed).owner("child")
        .add(new HandlingLog(session, args[3], "child", ConcurrentRunnerCrashTest.MAX_HANDLER_MILLIS),
            ProjectionOptions.defaults().withConcurrency(8))
        .batchSize(20)
        .checkpointInterval(Duration.ofMillis(30))
        .build().start();
    System.out.println("STARTED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private ConcurrentRunnerChild() {}
}
