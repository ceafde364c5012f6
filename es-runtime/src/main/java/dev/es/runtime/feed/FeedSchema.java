package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.util.List;
import java.util.Map;

/**
 * The feed's tables.
 *
 * <p>{@code feed}: one partition per shard and bucket of {@code bucketSize} positions. The static {@code epoch} is
 * the epoch of the publisher allowed to write the partition, {@code hwm} (high-water mark) the first position not
 * yet published, {@code batch_start} where the last publishing step began. Rows at or above {@code hwm} are never
 * read. {@code leases}: one row per lease, with its owner's progress.
 */
final class FeedSchema {

  static final String EVENT_COLUMNS =
      "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id, metadata, payload";

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

  List<String> createStatements() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + feed() + " ("
            + "shard int, bucket bigint, position bigint, "
            + "epoch bigint static, hwm bigint static, batch_start bigint static, "
            + "aggregate_id uuid, version bigint, event_id uuid, aggregate_type text, event_type text, "
            + "event_revision int, ts timestamp, user_id text, metadata frozen<map<text, text>>, payload text, "
            + "PRIMARY KEY ((shard, bucket), position))",
        "CREATE TABLE IF NOT EXISTS " + leases() + " ("
            + "name text PRIMARY KEY, owner text, epoch bigint, expires timestamp, position bigint)");
  }
}
