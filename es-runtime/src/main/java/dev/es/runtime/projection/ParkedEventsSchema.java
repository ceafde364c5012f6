package dev.es.runtime.projection;

/**
 * The table of parked events, in the event store's keyspace. One partition per projection and feed shard, so the
 * worker of a shard loads exactly its own parked events when it takes the lease; in it, rows per aggregate in
 * version order, so an aggregate's parked events are retried in the order they must be handled. The row names the
 * event (its payload stays in the feed, read again at {@code shard, position} on a retry), why it was parked, how
 * often it was tried, when, and a pending retry or skip request.
 */
final class ParkedEventsSchema {

  static final String TABLE = "parked_events";

  private final String table;

  ParkedEventsSchema(String keyspace) {
    this.table = keyspace + "." + TABLE;
  }

  String table() {
    return table;
  }

  String createStatement() {
    return "CREATE TABLE IF NOT EXISTS " + table + " ("
        + "projection text, shard int, aggregate_id uuid, version bigint, "
        + "position bigint, event_id uuid, event_type text, event_revision int, ts timestamp, "
        + "failure text, attempts int, parked_at timestamp, requested text, "
        + "PRIMARY KEY ((projection, shard), aggregate_id, version))";
  }
}
