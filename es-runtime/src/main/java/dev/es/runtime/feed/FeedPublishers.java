package dev.es.runtime.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background threads that keep every shard published: each loops over {@link FeedPublisher#publishOnce()},
 * pausing for the poll interval when there is nothing to do. Errors (Cassandra unreachable, timeouts) are logged
 * and retried; nothing they interrupt is lost, because publishing is resumable at every step.
 */
public final class FeedPublishers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPublishers.class);

  private final List<FeedPublisher> publishers;
  private final Duration pollInterval;
  private final ExecutorService threads;
  private final AtomicBoolean running = new AtomicBoolean(true);

  FeedPublishers(List<FeedPublisher> publishers, Duration pollInterval) {
    this.publishers = publishers;
    this.pollInterval = pollInterval;
    this.threads = Executors.newFixedThreadPool(publishers.size(), runnable -> {
      Thread thread = new Thread(runnable, "es-feed-publisher");
      thread.setDaemon(true);
      return thread;
    });
    publishers.forEach(publisher -> threads.execute(() -> loop(publisher)));
  }

  private void loop(FeedPublisher publisher) {
    while (running.get()) {
      try {
        if (publisher.publishOnce() == 0) {
          Thread.sleep(pollInterval.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("Feed publishing failed, retrying in {}: {}", pollInterval, e.toString());
        sleepQuietly();
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops publishing and gives the shards' leases up. */
  @Override
  public void close() {
    running.set(false);
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publishers.forEach(FeedPublisher::release);
  }
}
