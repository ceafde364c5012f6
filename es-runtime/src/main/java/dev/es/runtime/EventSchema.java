package dev.es.runtime;

import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CQL of the store's tables, from validated names only.
 *
 * <p>{@code events}: one partition per aggregate, rows clustered by version. The static {@code head} is the
 * stream's version, checked by every append ({@code IF head = expected}); the static {@code dirty} marks streams
 * the feed publisher has not copied yet. Storage-attached indexes serve reads by event type, by time and of
 * dirty streams. {@code metadata} is frozen so that an insert writes one cell and no collection tombstone.
 */
final class EventSchema {

  static final String EVENT_COLUMNS =
      "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id, metadata, payload";

  /**
   * The type of the {@code metadata} column, built once: {@code getMap(name, String.class, String.class)} builds it
   * on every call, which cost about 0.85 ms per 1,000 decoded rows (docs/benchmarks.md, "Aggregate load").
   */
  static final GenericType<Map<String, String>> METADATA = GenericType.mapOf(String.class, String.class);

  private final EventStoreOptions options;

  EventSchema(EventStoreOptions options) {
    this.options = options;
  }

  String events() {
    return options.keyspace() + "." + options.eventsTable();
  }

  String snapshots() {
    return options.keyspace() + "." + options.snapshotsTable();
  }

  String createKeyspace() {
    return "CREATE KEYSPACE IF NOT EXISTS " + options.keyspace()
        + " WITH replication = " + options.replication().toCql();
  }

  /** Every statement {@code initialize()} runs, in order. */
  List<String> createStatements() {
    List<String> cql = new ArrayList<>();
    if (options.createKeyspace()) {
      cql.add(createKeyspace());
    }
    cql.add("CREATE TABLE IF NOT EXISTS " + events() + " ("
        + "aggregate_id uuid, "
        + "version bigint, "
        + "head bigint static, "
        + "dirty boolean static, "
        + "published bigint static, "
        + "event_id uuid, "
        + "aggregate_type text, "
        + "event_type text, "
        + "event_revision int, "
        + "ts timestamp, "
        + "user_id text, "
        + "metadata frozen<map<text, text>>, "
        + "payload text, "
        + "PRIMARY KEY ((aggregate_id), version)"
        + ") WITH CLUSTERING ORDER BY (version ASC)");
    cql.add(saiIndex("event_type"));
    cql.add(saiIndex("agg_type", "aggregate_type"));
    cql.add(saiIndex("ts"));
    cql.add(saiIndex("dirty"));
    cql.add("CREATE TABLE IF NOT EXISTS " + snapshots() + " ("
        + "aggregate_id uuid, "
        + "version bigint, "
        + "aggregate_type text, "
        + "fingerprint text, "
        + "state text, "
        + "ts timestamp, "
        + "PRIMARY KEY ((aggregate_id), version)"
        + ") WITH CLUSTERING ORDER BY (version DESC)");
    return cql;
  }

  private String saiIndex(String column) {
    return saiIndex(column, column);
  }

  /** {@code shortName} keeps the index name within Cassandra's 48 characters for the longest table name. */
  private String saiIndex(String shortName, String column) {
    return "CREATE INDEX IF NOT EXISTS " + options.eventsTable() + "_" + shortName + "_idx ON " + events()
        + " (" + column + ") USING 'sai'";
  }
}
