package dev.es.it.saga;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.internal.SagaProgress;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link SagaCrashTest} in its own JVM: publishes the feed and runs both sagas; at the fifth time the order
 * saga reaches the requested step ({@code STATE_WRITTEN} or {@code EFFECTS_DONE}) it prints {@code POINT} and
 * blocks that worker there, inside its batch and so before its checkpoint, until it is killed.
 *
 * <p>Arguments: host, port, datacenter, keyspace, step, retry delay in milliseconds.
 */
public final class SagaCrashChild {

  public static void main(String[] args) throws Exception {
    SagaProgress point = SagaProgress.valueOf(args[4]);
    CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession();
    StoreAndFeed storage = new StoreAndFeed(session, args[3]);
    storage.feed.startPublishing("child");
    AtomicInteger reached = new AtomicInteger();
    SagaRunner.builder(storage.feed).owner("child")
        .add(OrderSaga.TYPE)
        .add(new RegistrationSaga(Duration.ofMillis(Long.parseLong(args[5]))))
        .deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .listener((step, saga, instance, cause) -> {
          if (step == point && saga.equals(OrderSaga.TYPE.name()) && reached.incrementAndGet() == 5) {
            System.out.println("POINT " + instance + " " + cause);
            System.out.flush();
            sleepForever();
          }
        })
        .build().start();
    System.out.println("STARTED");
    System.out.flush();
    sleepForever();
  }

  private static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SagaCrashChild() {}
}
