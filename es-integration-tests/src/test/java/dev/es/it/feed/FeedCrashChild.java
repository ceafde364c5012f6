package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublisher;
import dev.es.runtime.internal.PublisherProgress;
import dev.es.testkit.CassandraSource;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link FeedCrashTest} in its own JVM: appends events and publishes them, prints {@code POINT} at the
 * requested fault-injection point and waits there to be killed.
 *
 * <p>Arguments: host, port, datacenter, keyspace, point ({@code after-append}, {@code after-feed-write},
 * {@code after-mark}, {@code during-redo}: a first publisher of shard 0 is abandoned after a feed write without its
 * marks, as if its process had died, and a second one is stopped after the first mark it redoes in its recovery).
 */
public final class FeedCrashChild {

  public static void main(String[] args) throws Exception {
    String point = args[4];
    try (CqlSession session = new CassandraSource.External(
        List.of(new InetSocketAddress(args[0], Integer.parseInt(args[1]))), args[2]).start().openSession()) {
      FeedFixture fixture = new FeedFixture(session, args[3], FeedCrashTest.OPTIONS);
      Random random = new Random(3);
      Map<UUID, Long> versions = new LinkedHashMap<>();
      for (int i = 0; i < 20; i++) {
        versions.put(UUID.randomUUID(), 0L);
      }
      if (point.equals("after-append")) {
        // publishers run alongside; the process dies with appends and publishing in flight
        fixture.feed.startPublishing("child");
        for (int i = 0; i < 60; i++) {
          appendSomewhere(fixture, versions, random);
        }
        stopHere();
      }
      for (int i = 0; i < 60; i++) {
        appendSomewhere(fixture, versions, random);
      }
      if (point.equals("during-redo")) {
        abandonAfterAFeedWrite(fixture.feed.publisher(0, "child-abandoned", s -> {
          if (s == PublisherProgress.AFTER_FEED_WRITE) {
            throw new Abandoned();
          }
        }));
        FeedPublisher successor = fixture.feed.publisher(0, "child-successor", s -> {
          if (s == PublisherProgress.AFTER_REDONE_MARK) {
            stopHere();
          }
        });
        while (true) {
          successor.publishOnce(); // nothing until the abandoned publisher's lease expires; then its recovery
          Thread.sleep(20);
        }
      }
      PublisherProgress step = point.equals("after-feed-write")
          ? PublisherProgress.AFTER_FEED_WRITE : PublisherProgress.AFTER_MARK;
      AtomicInteger reached = new AtomicInteger();
      for (int shard = 0; ; shard = (shard + 1) % FeedCrashTest.OPTIONS.shards()) {
        FeedPublisher publisher = fixture.feed.publisher(shard, "child", s -> {
          if (s == step && reached.incrementAndGet() == 3) {
            stopHere();
          }
        });
        publisher.publishOnce();
      }
    }
  }

  /** Thrown by a step listener to leave a publisher mid-step, its lease held and its last marks not written. */
  private static final class Abandoned extends RuntimeException {
    Abandoned() {
      super("abandoned after a feed write", null, false, false);
    }
  }

  private static void abandonAfterAFeedWrite(FeedPublisher publisher) {
    try {
      while (true) {
        publisher.publishOnce();
      }
    } catch (Abandoned expected) {
      // the feed holds a batch whose streams are not marked: what the successor's recovery redoes
    }
  }

  private static void appendSomewhere(FeedFixture fixture, Map<UUID, Long> versions, Random random) {
    UUID id = versions.keySet().stream().skip(random.nextInt(versions.size())).findFirst().orElseThrow();
    versions.put(id, fixture.append(id, versions.get(id), 1 + random.nextInt(4)));
  }

  private static void stopHere() {
    System.out.println("POINT");
    System.out.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FeedCrashChild() {}
}
