package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.internal.Futures;
import dev.es.runtime.internal.TableCreation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.IntToLongFunction;

/**
 * Removes the oldest buckets of a feed shard once every consumer has passed them: whole partitions, so a reader
 * never scans tombstones. Before the floor moves past a bucket, the highest version of each aggregate in it is kept
 * in {@code feed_trimmed}, so a consumer that starts below the floor later (a new one, or a rebuild) reads exactly
 * those events from the events table and the rest from the feed. See {@link FeedFloors} for how a trim and a
 * consumer starting at the same time agree.
 */
public final class FeedTrimmer {

  /** Partitions of {@code feed_trimmed} per shard, by aggregate id, to keep each partition small. */
  public static final int TRIMMED_PARTS = 256;

  /** The most buckets one trim removes, so it ends well within its pending window. */
  static final int MAX_BUCKETS_PER_TRIM = 64;

  /** Writes of trimmed versions in flight at once. */
  private static final int IN_FLIGHT = 64;

  private final CqlSession session;
  private final FeedOptions options;
  private final EventStoreOptions store;
  private final FeedFloors floors;
  private final FeedReader reader;
  private final Duration pendingWindow;
  private final PreparedStatement selectBucket;
  private final PreparedStatement insertTrimmed;
  private final PreparedStatement deleteBucket;

  FeedTrimmer(CqlSession session, FeedSchema schema, FeedOptions options, EventStoreOptions store, FeedFloors floors,
      FeedReader reader) {
    this.session = session;
    this.options = options;
    this.store = store;
    this.floors = floors;
    this.reader = reader;
    this.pendingWindow = options.leaseDuration().multipliedBy(30);
    selectBucket = prepare(schema.feed(), "SELECT aggregate_id, version FROM " + schema.feed()
        + " WHERE shard = ? AND bucket = ?");
    insertTrimmed = prepare(schema.trimmed(), "INSERT INTO " + schema.trimmed()
        + " (shard, part, aggregate_id, version) VALUES (?, ?, ?, ?)");
    deleteBucket = prepare(schema.feed(), "DELETE FROM " + schema.feed() + " WHERE shard = ? AND bucket = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /** The part of {@code feed_trimmed} an aggregate's row is in. */
  public static int partOf(UUID aggregateId) {
    return Math.floorMod(aggregateId.hashCode(), TRIMMED_PARTS);
  }

  /**
   * Removes the buckets of a shard that every consumer has passed and whose last event was appended before
   * {@code appendedBefore}, up to {@value #MAX_BUCKETS_PER_TRIM} of them.
   *
   * @param lowest the lowest position of the shard any consumer still has to read (its checkpoints and parked
   *     events), read from storage at each call: it is called once to choose the buckets, and again after the new
   *     floor is proposed
   * @return the shard's floor after the trim and the buckets removed; none if another trim is pending, a consumer
   *     is still below, or nothing is old enough
   */
  public ShardTrim trim(int shard, Instant appendedBefore, IntToLongFunction lowest) {
    FeedFloor floor = floors.read(shard);
    long firstBucket = floor.floor() / options.bucketSize();
    int cleared = clearBelow(shard, floor);
    if (floor.trimming(store.clock().instant())) {
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of("another trim is in progress"));
    }
    long passedBucket = Math.min(lowest.applyAsLong(shard) / options.bucketSize(),
        firstBucket + MAX_BUCKETS_PER_TRIM);
    long end = firstBucket;
    while (end < passedBucket && lastAppended(shard, end).map(at -> at.isBefore(appendedBefore)).orElse(false)) {
      end++;
    }
    if (end == firstBucket) {
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of(passedBucket == firstBucket
          ? "a consumer is still in the first bucket" : "the first bucket is not old enough"));
    }
    long next = end * options.bucketSize();
    UUID trim = UUID.randomUUID();
    long started = System.nanoTime();
    if (!floors.propose(shard, floor.floor(), next, trim, pendingWindow)) {
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of("another trim is in progress"));
    }
    if (lowest.applyAsLong(shard) < next) {
      floors.withdraw(shard, trim);
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of("a consumer started below " + next));
    }
    for (long bucket = firstBucket; bucket < end; bucket++) {
      keepTrimmedVersions(shard, bucket);
    }
    if (Duration.ofNanos(System.nanoTime() - started).compareTo(pendingWindow.dividedBy(2)) > 0) {
      floors.withdraw(shard, trim); // too close to the end of the window, where a reader stops waiting for it
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of("took longer than half its pending window"));
    }
    if (!floors.move(shard, next, trim)) {
      return new ShardTrim(shard, floor.floor(), cleared, Optional.of("its proposal was taken over"));
    }
    // the clearing above removed everything below the old floor
    FeedFloor moved = new FeedFloor(shard, next, floor.floor(), OptionalLong.empty(), null, Instant.EPOCH);
    return new ShardTrim(shard, next, cleared + clearBelow(shard, moved), Optional.empty());
  }

  /** When the last event of a bucket was appended; empty if it is not published (so not full). */
  private Optional<Instant> lastAppended(int shard, long bucket) {
    return reader.timestampAt(shard, (bucket + 1) * options.bucketSize() - 1);
  }

  /** Keeps the highest version of each aggregate in a bucket, the rows a consumer below the floor reads instead. */
  private void keepTrimmedVersions(int shard, long bucket) {
    Map<UUID, Long> highest = new HashMap<>();
    for (Row row : session.execute(selectBucket.bind(shard, bucket).setConsistencyLevel(store.readConsistency())
        .setPageSize(store.pageSize()))) {
      highest.merge(row.getUuid(0), row.getLong(1), Math::max);
    }
    List<CompletionStage<?>> inFlight = new ArrayList<>(IN_FLIGHT);
    for (Map.Entry<UUID, Long> aggregate : highest.entrySet()) {
      inFlight.add(session.executeAsync(insertTrimmed.bind(shard, partOf(aggregate.getKey()), aggregate.getKey(),
          aggregate.getValue()).setConsistencyLevel(store.writeConsistency())));
      if (inFlight.size() == IN_FLIGHT) {
        Futures.awaitAll(inFlight);
        inFlight.clear();
      }
    }
    Futures.awaitAll(inFlight);
  }

  /** Removes the buckets below the floor not removed yet (all of them, unless a trim stopped half-way). */
  private int clearBelow(int shard, FeedFloor floor) {
    int removed = 0;
    for (long bucket = floor.cleared() / options.bucketSize(); bucket < floor.floor() / options.bucketSize();
        bucket++) {
      session.execute(deleteBucket.bind(shard, bucket).setConsistencyLevel(store.writeConsistency()));
      removed++;
    }
    if (removed > 0) {
      floors.cleared(shard, floor.floor());
    }
    return removed;
  }
}
