package dev.es.runtime.observation;

import dev.es.runtime.feed.Backlog;
import dev.es.runtime.feed.Feed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of the feed's publishing, per shard: events appended and not yet published
 * ({@code es.feed.backlog}) and how long the oldest of them has waited ({@code es.feed.backlog.age}). Bind it
 * once per application ({@code new FeedGauges(feed).bindTo(registry)}; the Spring Boot starter does). Each reading
 * queries Cassandra ({@link Feed#backlog}), so a shard's backlog is kept for a second.
 */
public final class FeedGauges implements MeterBinder {

  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Feed feed;
  private final Backlog[] read;
  private final long[] readAt;

  /** Gauges of {@code feed}'s shards. */
  public FeedGauges(Feed feed) {
    this.feed = feed;
    this.read = new Backlog[feed.options().shards()];
    this.readAt = new long[read.length];
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (int shard = 0; shard < read.length; shard++) {
      int s = shard;
      Gauge.builder("es.feed.backlog", () -> backlog(s).events())
          .description("Events appended to the shard and not published to the feed yet")
          .tag("shard", Integer.toString(shard)).register(registry);
      TimeGauge.builder("es.feed.backlog.age",
              () -> backlog(s).age(feed.store().options().clock().instant()).toMillis(), TimeUnit.MILLISECONDS)
          .description("How long the oldest event of the shard not published yet has waited")
          .tag("shard", Integer.toString(shard)).register(registry);
    }
  }

  private synchronized Backlog backlog(int shard) {
    long now = System.nanoTime();
    if (read[shard] == null || now - readAt[shard] >= FRESH_NANOS) {
      read[shard] = feed.backlog(shard);
      readAt[shard] = now;
    }
    return read[shard];
  }
}
