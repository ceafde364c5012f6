package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import dev.es.runtime.feed.PublisherStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background threads that keep every shard published: each loops over {@link FeedPublisher#publishOnce()},
 * pausing for the poll interval when there is nothing to do. A failing step (Cassandra unreachable, a timeout, a
 * batch the cluster refuses) is retried with a pause that doubles up to half the lease duration; nothing it
 * interrupts is lost, because publishing is resumable at every step. A {@link java.lang.Error} stops that shard's
 * publisher and gives its lease up. {@link #status()} shows which shards run, fail or have stopped, and why.
 */
public final class FeedPublishers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPublishers.class);

  private final List<FeedPublisher> publishers;
  private final Duration pollInterval;
  private final Duration maxPause;
  private final Clock clock;
  private final ExecutorService threads;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicReferenceArray<PublisherStatus> statuses;

  FeedPublishers(List<FeedPublisher> publishers, Duration pollInterval, Duration leaseDuration, Clock clock) {
    this.publishers = publishers;
    this.pollInterval = pollInterval;
    this.maxPause = pollInterval.compareTo(leaseDuration.dividedBy(2)) > 0 ? pollInterval : leaseDuration.dividedBy(2);
    this.clock = clock;
    this.statuses = new AtomicReferenceArray<>(publishers.size());
    this.threads = Executors.newFixedThreadPool(publishers.size(), runnable -> {
      Thread thread = new Thread(runnable, "es-feed-publisher");
      thread.setDaemon(true);
      return thread;
    });
    for (int shard = 0; shard < publishers.size(); shard++) {
      start(shard);
    }
  }

  /** The status of every shard's publisher, by shard. */
  public List<PublisherStatus> status() {
    return IntStream.range(0, statuses.length()).mapToObj(statuses::get).toList();
  }

  /** The status of one shard's publisher. */
  public PublisherStatus status(int shard) {
    if (shard < 0 || shard >= statuses.length()) {
      throw new IllegalArgumentException("shard must be in [0, " + statuses.length() + "), was " + shard);
    }
    return statuses.get(shard);
  }

  /**
   * Starts a shard's publisher again after a {@link java.lang.Error} stopped it. Its stopped loop has finished
   * (FAILED is the last thing it sets), and of two concurrent calls only one restarts it, so a shard never has two.
   *
   * @throws IllegalStateException naming the shard and its state if it is not {@link State#FAILED}
   */
  public void restart(int shard) {
    PublisherStatus current = status(shard);
    if (current.state() != State.FAILED || !statuses.compareAndSet(shard, current, runningStatus(shard))) {
      throw new IllegalStateException("feed publisher of shard " + shard + " is " + status(shard).state()
          + ", not FAILED: nothing to restart");
    }
    threads.execute(() -> loop(shard));
  }

  private void start(int shard) {
    statuses.set(shard, runningStatus(shard));
    threads.execute(() -> loop(shard));
  }

  private PublisherStatus runningStatus(int shard) {
    return new PublisherStatus(shard, State.RUNNING, clock.instant(), Optional.empty(), 0);
  }

  private void loop(int shard) {
    Thread.currentThread().setName("es-feed-publisher-" + shard);
    FeedPublisher publisher = publishers.get(shard);
    int failures = 0;
    while (running.get()) {
      try {
        int published = publisher.publishOnce();
        if (failures > 0) {
          failures = 0;
          statuses.set(shard, runningStatus(shard));
        }
        if (published == 0) {
          Thread.sleep(pollInterval.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures++;
        Duration pause = pause(failures);
        statuses.set(shard, new PublisherStatus(shard, State.FAILING, clock.instant(), Optional.of(e), failures));
        LOG.warn("Feed publishing of shard {} failed ({} in a row), retrying in {}: {}", shard, failures, pause,
            describe(e));
        if (!sleep(pause)) {
          return;
        }
      } catch (Error e) {
        LOG.error("Feed publisher of shard {} stopped by an error; restart it once the cause is fixed", shard, e);
        giveUp(publisher);
        statuses.set(shard, new PublisherStatus(shard, State.FAILED, clock.instant(), Optional.of(e), failures + 1));
        return;
      }
    }
  }

  /**
   * The failure, with the replicas' reason codes when Cassandra gave them (its {@code RequestFailureReason}: too many
   * tombstones, an index not available, …): the driver's message says only how many replicas failed.
   */
  private static String describe(RuntimeException e) {
    Throwable failure = e instanceof FeedPublishingException && e.getCause() != null ? e.getCause() : e;
    if (failure instanceof ReadFailureException read) {
      return e + " (reason codes by replica: " + read.getReasonMap() + ")";
    }
    if (failure instanceof WriteFailureException write) {
      return e + " (reason codes by replica: " + write.getReasonMap() + ")";
    }
    return e.toString();
  }

  /** The poll interval, doubled with each failure in a row, up to half the lease duration. */
  private Duration pause(int failures) {
    Duration pause = pollInterval.multipliedBy(1L << Math.min(failures - 1, 20));
    return pause.compareTo(maxPause) > 0 ? maxPause : pause;
  }

  /** Gives the shard's lease up so another process can take over; best effort, the lease expires anyway. */
  private static void giveUp(FeedPublisher publisher) {
    try {
      publisher.release();
    } catch (RuntimeException e) {
      LOG.warn("Could not give the feed publisher's lease up; it expires by itself: {}", e.toString());
    }
  }

  /** Sleeps; false if interrupted. */
  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
    publishers.forEach(FeedPublishers::giveUp);
    for (int shard = 0; shard < statuses.length(); shard++) {
      statuses.set(shard, new PublisherStatus(shard, State.STOPPED, clock.instant(), Optional.empty(), 0));
    }
  }
}
