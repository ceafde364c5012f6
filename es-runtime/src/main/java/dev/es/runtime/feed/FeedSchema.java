package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.es.runtime.internal.EventRows;
import java.util.List;
import java.util.Map;

/**
 * The feed's tables, and those of its consumers (projections and sagas alike), all created by
 * {@link Feed#initialize()}.
 *
 * <p>{@code feed}: one partition per shard and bucket of {@code bucketSize} positions. The static {@code epoch} is
 * the epoch of the publisher allowed to write the partition, {@code hwm} (high-water mark) the first position not
 * yet published, {@code batch_start} where the last publishing step began. Rows at or above {@code hwm} are never
 * read. {@code leases}: one row per lease, with its owner's progress.
 *
 * <p>{@code parked_events}: one partition per consumer and feed shard, so the worker of a shard loads exactly its
 * own parked events when it takes the lease; in it, rows per aggregate in version order, so an aggregate's parked
 * events are retried in the order they must be handled. The row names the event (its payload stays in the feed,
 * read again at {@code shard, position} on a retry), why it was parked, how often it was tried, when, and a pending
 * retry or skip request. {@code consumer_layouts}: one row per consumer and feed shard, the ranges its shard is
 * split into and the predecessors a change of layout waits for. {@code consumer_controls}: one row per consumer,
 * written only by lightweight transactions: registered by the runners that host it, paused or asked to replay by an
 * operator, and its last failure. {@code admin_audit}: one partition per month, newest first, a row per action taken
 * through the admin API. {@code feed_retention}: one row per shard, its floor (see {@link FeedFloors});
 * {@code feed_trimmed}: per shard, in {@value FeedTrimmer#TRIMMED_PARTS} parts by aggregate id, the highest version
 * of each aggregate below the floor (see {@link FeedTrimmer}).
 */
final class FeedSchema {

  static final String EVENT_COLUMNS = EventRows.COLUMNS;

  /** The type of the {@code metadata} column, built once rather than per row. */
  static final GenericType<Map<String, String>> METADATA = GenericType.mapOf(String.class, String.class);

  private final String keyspace;

  FeedSchema(String keyspace) {
    this.keyspace = keyspace;
  }

  String feed() {
    return keyspace + "." + FeedOptions.FEED_TABLE;
  }

  String leases() {
    return keyspace + "." + FeedOptions.LEASES_TABLE;
  }

  String parkedEvents() {
    return keyspace + "." + FeedOptions.PARKED_EVENTS_TABLE;
  }

  String consumerLayouts() {
    return keyspace + "." + FeedOptions.CONSUMER_LAYOUTS_TABLE;
  }

  String consumerControls() {
    return keyspace + "." + FeedOptions.CONSUMER_CONTROLS_TABLE;
  }

  String retention() {
    return keyspace + "." + FeedOptions.RETENTION_TABLE;
  }

  String trimmed() {
    return keyspace + "." + FeedOptions.TRIMMED_TABLE;
  }

  String adminAudit() {
    return keyspace + "." + FeedOptions.ADMIN_AUDIT_TABLE;
  }

  List<String> createStatements() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + feed() + " ("
            + "shard int, bucket bigint, position bigint, "
            + "epoch bigint static, hwm bigint static, batch_start bigint static, "
            + "aggregate_id uuid, version bigint, event_id uuid, aggregate_type text, event_type text, "
            + "event_revision int, ts timestamp, user_id text, metadata frozen<map<text, text>>, payload text, "
            + "PRIMARY KEY ((shard, bucket), position))",
        "CREATE TABLE IF NOT EXISTS " + leases() + " ("
            + "name text PRIMARY KEY, owner text, epoch bigint, expires timestamp, position bigint)",
        "CREATE TABLE IF NOT EXISTS " + parkedEvents() + " ("
            + "projection text, shard int, aggregate_id uuid, version bigint, "
            + "position bigint, event_id uuid, event_type text, event_revision int, ts timestamp, "
            + "failure text, attempts int, parked_at timestamp, requested text, "
            + "PRIMARY KEY ((projection, shard), aggregate_id, version))",
        "CREATE TABLE IF NOT EXISTS " + consumerLayouts()
            + " (consumer text, shard int, generation bigint, starts frozen<list<int>>,"
            + " previous_starts frozen<list<int>>, previous_leases frozen<list<text>>,"
            + " previous_floors frozen<list<bigint>>, previous_waits frozen<list<frozen<list<text>>>>,"
            + " PRIMARY KEY ((consumer, shard)))",
        "CREATE TABLE IF NOT EXISTS " + consumerControls()
            + " (consumer text PRIMARY KEY, registered timestamp, paused boolean,"
            + " failure text, failed_at timestamp, failed_owner text,"
            + " request text, request_id uuid, request_positions frozen<map<int, bigint>>, requested_by text,"
            + " requested_at timestamp, claimed_by text, claimed_until timestamp)",
        "CREATE TABLE IF NOT EXISTS " + adminAudit()
            + " (month text, at timestamp, id timeuuid, actor text, action text, target text, detail text,"
            + " outcome text, PRIMARY KEY ((month), at, id)) WITH CLUSTERING ORDER BY (at DESC, id DESC)",
        "CREATE TABLE IF NOT EXISTS " + retention()
            + " (shard int PRIMARY KEY, floor bigint, cleared bigint, pending bigint, pending_id uuid,"
            + " pending_until timestamp, trimmed_at timestamp)",
        "CREATE TABLE IF NOT EXISTS " + trimmed()
            + " (shard int, part int, aggregate_id uuid, version bigint, PRIMARY KEY ((shard, part), aggregate_id))");
  }
}
