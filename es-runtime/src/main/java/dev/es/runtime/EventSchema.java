package dev.es.runtime;

import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.es.runtime.internal.EventRows;
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
 * The statics {@code closed} (when the stream was closed; every append checks it is null) and {@code archived}
 * (when its rows moved to the archive) outlive the rows, which the archiver deletes.
 *
 * <p>{@code events_archive}: the rows of archived streams, same key and event columns; {@code events_closed}: the
 * closed streams by the day they were closed, one row per close, for the archiver to find ({@link StreamArchiver}).
 *
 * <p>{@code subject_keys}: one AES-256 key per data subject, with an id that the subject's sealed texts name;
 * {@code subject_streams}: the aggregates holding a subject's personal data (see {@code dev.es.runtime.privacy}).
 */
final class EventSchema {

  static final String EVENT_COLUMNS = EventRows.COLUMNS;

  /** The event columns with their types, the same in the events table and its archive. */
  private static final String EVENT_COLUMN_TYPES = "event_id uuid, aggregate_type text, event_type text,"
      + " event_revision int, ts timestamp, user_id text, metadata frozen<map<text, text>>, payload text, ";

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

  String subjectKeys() {
    return options.keyspace() + "." + options.subjectKeysTable();
  }

  String subjectStreams() {
    return options.keyspace() + "." + options.subjectStreamsTable();
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
        + "closed timestamp static, "
        + "archived timestamp static, "
        + EVENT_COLUMN_TYPES
        + "PRIMARY KEY ((aggregate_id), version)"
        + ") WITH CLUSTERING ORDER BY (version ASC)");
    cql.add(saiIndex("event_type"));
    cql.add(saiIndex("agg_type", "aggregate_type"));
    cql.add(saiIndex("ts"));
    cql.add(saiIndex("dirty"));
    cql.addAll(lifecycleTables());
    cql.add("CREATE TABLE IF NOT EXISTS " + snapshots() + " ("
        + "aggregate_id uuid, "
        + "version bigint, "
        + "aggregate_type text, "
        + "fingerprint text, "
        + "state text, "
        + "ts timestamp, "
        + "PRIMARY KEY ((aggregate_id), version)"
        + ") WITH CLUSTERING ORDER BY (version DESC)");
    cql.add("CREATE TABLE IF NOT EXISTS " + subjectKeys() + " ("
        + "subject text PRIMARY KEY, "
        + "key_id uuid, "
        + "key blob, "
        + "created timestamp)");
    cql.add("CREATE TABLE IF NOT EXISTS " + subjectStreams() + " ("
        + "subject text, "
        + "aggregate_id uuid, "
        + "PRIMARY KEY ((subject), aggregate_id))");
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

  String archive() {
    return options.keyspace() + "." + options.archiveTable();
  }

  String closedStreams() {
    return options.keyspace() + "." + options.closedStreamsTable();
  }

  /**
   * The statics of closing on events tables created before them (a no-op once there), the archive and the list of
   * closed streams. The archive is written once per stream, all of a stream's rows at once, and never updated or
   * deleted: size-tiered compaction keeps each stream in one SSTable with little rewriting, and its rows carry no
   * TTL that time-window compaction could drop by whole SSTables (docs/data-lifecycle.md).
   */
  private List<String> lifecycleTables() {
    return List.of(
        "ALTER TABLE " + events() + " ADD IF NOT EXISTS closed timestamp static",
        "ALTER TABLE " + events() + " ADD IF NOT EXISTS archived timestamp static",
        "CREATE TABLE IF NOT EXISTS " + archive() + " ("
            + "aggregate_id uuid, "
            + "version bigint, "
            + EVENT_COLUMN_TYPES
            + "PRIMARY KEY ((aggregate_id), version)"
            + ") WITH CLUSTERING ORDER BY (version ASC)"
            + " AND compaction = {'class': 'SizeTieredCompactionStrategy'}",
        "CREATE TABLE IF NOT EXISTS " + closedStreams() + " ("
            + "day date, "
            + "aggregate_id uuid, "
            + "aggregate_type text, "
            + "closed timestamp, "
            + "PRIMARY KEY ((day), aggregate_id, closed))");
  }
}
