package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Run by {@link ParkedCrashTest} in its own JVM: a runner named {@code child} hosting the test's parking
 * projection, checkpointing only when its lease needs renewing; prints {@code PARKED} once the expected number of
 * events is parked, then waits to be killed. Arguments: host, port, datacenter, keyspace, parked events to await.
 */
public final class ParkedCrashChild {

  public static void main(String[] args) throws Exception {
    CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession();
    FeedFixture fixture = new FeedFixture(session, args[3], ParkedCrashTest.OPTIONS);
    ProjectionRunner runner = ParkedCrashTest.runner(fixture, ParkedCrashTest.poisonRefusing()).start();
    System.out.println("STARTED");
    System.out.flush();
    int expected = Integer.parseInt(args[4]);
    while (runner.parkedEvents().list(ParkedCrashTest.NAME, 100).size() < expected) {
      Thread.sleep(10);
    }
    System.out.println("PARKED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private ParkedCrashChild() {}
}
