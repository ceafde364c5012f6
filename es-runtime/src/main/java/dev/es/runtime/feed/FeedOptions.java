package dev.es.runtime.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * How the feed is laid out and run. The layout values ({@link #shards}, {@link #bucketSize}) must be the same in
 * every process that shares a keyspace, and must not change once events have been published.
 *
 * @param shards how many independent feeds the events are split into, by the token of the aggregate id; each
 *     shard has its own publisher and its own positions; events of one aggregate are always in one shard
 * @param bucketSize feed rows per Cassandra partition; bounds partition size
 * @param maxBatchEvents the most events one publishing step copies
 * @param maxBatchBytes the most bytes one publishing step copies: its events' text in UTF-8 (payload, metadata, type
 *     names, user id) and 200 bytes per event for the other columns; a stream with more is published over several
 *     steps, and one event larger than this goes alone. Keep it well below what one Cassandra request and mutation
 *     may hold ({@code native_transport_max_message_size} and {@code max_mutation_size}, 16 MiB by default): a
 *     larger feed write is refused, and the shard's publisher shows FAILING with the stream named
 * @param pollInterval how often an idle publisher or consumer looks for new work
 * @param leaseDuration how long a lease lasts without renewal; a dead owner's work is taken over after this
 */
public record FeedOptions(
    int shards,
    int bucketSize,
    int maxBatchEvents,
    int maxBatchBytes,
    Duration pollInterval,
    Duration leaseDuration) {

  public static final String FEED_TABLE = "feed";
  public static final String LEASES_TABLE = "leases";
  /** The events projections and sagas parked, per consumer and shard; created by {@link Feed#initialize()}. */
  public static final String PARKED_EVENTS_TABLE = "parked_events";
  /** How each consumer's shards are split into ranges; created by {@link Feed#initialize()}. */
  public static final String CONSUMER_LAYOUTS_TABLE = "consumer_layouts";
  /**
   * Every consumer a runner registered, with what an operator asked of it (pause, a replay) and its last failure;
   * created by {@link Feed#initialize()}.
   */
  public static final String CONSUMER_CONTROLS_TABLE = "consumer_controls";
  /** Each shard's floor: the first position retention left in the feed; created by {@link Feed#initialize()}. */
  public static final String RETENTION_TABLE = "feed_retention";
  /**
   * The highest version of each aggregate in the buckets retention removed, per shard: what a consumer starting
   * below the floor reads from the events table instead; created by {@link Feed#initialize()}.
   */
  public static final String TRIMMED_TABLE = "feed_trimmed";
  /** Who did what through the admin API, and when; created by {@link Feed#initialize()}. */
  public static final String ADMIN_AUDIT_TABLE = "admin_audit";

  public FeedOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    requirePositive("shards", shards);
    requirePositive("bucketSize", bucketSize);
    requirePositive("maxBatchEvents", maxBatchEvents);
    requirePositive("maxBatchBytes", maxBatchBytes);
    if (leaseDuration.compareTo(pollInterval.multipliedBy(4)) < 0) {
      throw new IllegalArgumentException(
          "leaseDuration " + leaseDuration + " must be at least four poll intervals (" + pollInterval + ")");
    }
  }

  /**
   * One shard, 10,000 rows per partition, batches of up to 1,000 events or 400 KiB (the cost of a publishing step
   * is mostly per step, so large steps publish faster), 50 ms polls, 10 s leases.
   */
  public static FeedOptions defaults() {
    return new FeedOptions(1, 10_000, 1_000, 400 * 1024, Duration.ofMillis(50), Duration.ofSeconds(10));
  }

  public FeedOptions withShards(int count) {
    return new FeedOptions(count, bucketSize, maxBatchEvents, maxBatchBytes, pollInterval, leaseDuration);
  }

  public FeedOptions withBucketSize(int size) {
    return new FeedOptions(shards, size, maxBatchEvents, maxBatchBytes, pollInterval, leaseDuration);
  }

  public FeedOptions withMaxBatchEvents(int count) {
    return new FeedOptions(shards, bucketSize, count, maxBatchBytes, pollInterval, leaseDuration);
  }

  public FeedOptions withMaxBatchBytes(int bytes) {
    return new FeedOptions(shards, bucketSize, maxBatchEvents, bytes, pollInterval, leaseDuration);
  }

  public FeedOptions withPollInterval(Duration interval) {
    return new FeedOptions(shards, bucketSize, maxBatchEvents, maxBatchBytes, interval, leaseDuration);
  }

  public FeedOptions withLeaseDuration(Duration duration) {
    return new FeedOptions(shards, bucketSize, maxBatchEvents, maxBatchBytes, pollInterval, duration);
  }

  /**
   * How often a lease holder with nothing else to write renews its lease: a quarter of the lease duration, so a
   * renewal or two may fail before the lease expires. Each renewal is a Paxos round, so not at every poll.
   */
  public Duration renewalInterval() {
    return leaseDuration.dividedBy(4);
  }

  /** The first token of a shard's range of the Murmur3 ring. */
  long firstToken(int shard) {
    return shard == 0 ? Long.MIN_VALUE : Long.MIN_VALUE + shard * tokenStep();
  }

  /** The last token of a shard's range (inclusive). */
  long lastToken(int shard) {
    return shard == shards - 1 ? Long.MAX_VALUE : firstToken(shard + 1) - 1;
  }

  /** The shard of a partition token. */
  public int shardOf(long token) {
    return shards == 1 ? 0 : (int) Long.divideUnsigned(token - Long.MIN_VALUE, tokenStep());
  }

  /** The width of a shard's token range: 2^64 / shards, rounded up (only used with more than one shard). */
  private long tokenStep() {
    return Long.divideUnsigned(-1L, shards) + 1;
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
