package dev.es.spring.boot;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.feed.PublisherStatus;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the feed's publishers while the application context runs: started before the runners and the web server,
 * stopped after them, so that events appended by the last requests are still published.
 */
public class FeedPublishing implements SmartLifecycle {

  /** Before the runners ({@link RunnerLifecycle#PHASE}) and the web server start; after them it stops. */
  public static final int PHASE = RunnerLifecycle.PHASE - 1024;

  private final Feed feed;
  private final String owner;
  private volatile FeedPublishers publishers;

  /** Publishers of {@code feed}'s shards, whose leases name {@code owner}. */
  public FeedPublishing(Feed feed, String owner) {
    this.feed = feed;
    this.owner = owner;
  }

  @Override
  public synchronized void start() {
    if (publishers == null) {
      publishers = feed.startPublishing(owner);
    }
  }

  @Override
  public synchronized void stop() {
    if (publishers != null) {
      publishers.close();
      publishers = null;
    }
  }

  @Override
  public boolean isRunning() {
    return publishers != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The status of every shard's publisher; empty while stopped. */
  public List<PublisherStatus> status() {
    FeedPublishers running = publishers;
    return running == null ? List.of() : running.status();
  }
}
