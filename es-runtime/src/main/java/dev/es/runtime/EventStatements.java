package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** Every statement the store runs, prepared once per store. */
final class EventStatements {

  final PreparedStatement insertEvent;
  final PreparedStatement insertEventAndHead;
  final PreparedStatement advanceHead;
  final PreparedStatement selectHead;
  final PreparedStatement selectStream;
  final PreparedStatement selectRange;
  final PreparedStatement selectIdsInRange;
  final PreparedStatement selectByTypeBetween;
  final PreparedStatement selectBetween;
  final PreparedStatement insertSnapshot;
  final PreparedStatement selectSnapshotsAtOrBelow;
  final PreparedStatement selectSnapshotVersions;
  final PreparedStatement deleteSnapshotsUpTo;

  EventStatements(CqlSession session, EventSchema schema) {
    String events = schema.events();
    String snapshots = schema.snapshots();
    String eventValues = "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts,"
        + " user_id, metadata, payload";
    insertEvent = session.prepare("INSERT INTO " + events + " (" + eventValues + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertEventAndHead = session.prepare("INSERT INTO " + events + " (" + eventValues + ", head, dirty)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)");
    // every conditional append, a new stream's too (head bound to null): a row condition such as IF NOT EXISTS
    // would pass on an archived stream, whose rows are gone; the failed condition returns head and closed
    advanceHead = session.prepare("UPDATE " + events + " SET head = ?, dirty = true"
        + " WHERE aggregate_id = ? IF head = ? AND closed = null");
    // the statics, also of a partition whose rows are archived (a query without a clustering restriction)
    selectHead = session.prepare("SELECT head, closed, archived FROM " + events + " WHERE aggregate_id = ? LIMIT 1");
    // the head with every row: a read that ends below it lost its rows to the archiver meanwhile (StreamEvents)
    selectStream = session.prepare("SELECT head, " + EventSchema.EVENT_COLUMNS + " FROM " + events
        + " WHERE aggregate_id = ?");
    selectRange = session.prepare("SELECT head, " + EventSchema.EVENT_COLUMNS + " FROM " + events
        + " WHERE aggregate_id = ? AND version >= ? AND version <= ?");
    selectIdsInRange = session.prepare("SELECT version, event_id, ts FROM " + events
        + " WHERE aggregate_id = ? AND version >= ? AND version <= ?");
    selectByTypeBetween = session.prepare("SELECT " + EventSchema.EVENT_COLUMNS + " FROM " + events
        + " WHERE event_type = ? AND ts >= ? AND ts < ?");
    selectBetween = session.prepare("SELECT " + EventSchema.EVENT_COLUMNS + " FROM " + events
        + " WHERE ts >= ? AND ts < ?");
    insertSnapshot = session.prepare("INSERT INTO " + snapshots
        + " (aggregate_id, version, aggregate_type, fingerprint, state, ts) VALUES (?, ?, ?, ?, ?, ?)");
    selectSnapshotsAtOrBelow = session.prepare("SELECT aggregate_id, version, aggregate_type, fingerprint,"
        + " state, ts FROM " + snapshots + " WHERE aggregate_id = ? AND version <= ? LIMIT ?");
    selectSnapshotVersions = session.prepare("SELECT version FROM " + snapshots
        + " WHERE aggregate_id = ? LIMIT ?");
    deleteSnapshotsUpTo = session.prepare("DELETE FROM " + snapshots
        + " WHERE aggregate_id = ? AND version <= ?");
  }
}
