package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.runtime.internal.TableCreation;

/**
 * The statements of closing and archiving streams and of reading archived ones, prepared on first use: a store
 * that never meets a closed stream never prepares them.
 */
final class LifecycleStatements {

  private static final String CREATED_BY = "store.initialize()";

  final PreparedStatement closeIf;
  final PreparedStatement insertClosedEntry;
  final PreparedStatement deleteClosedEntry;
  final PreparedStatement deleteClosedDay;
  final PreparedStatement selectClosedDays;
  final PreparedStatement selectClosedEntries;
  final PreparedStatement selectArchiveState;
  final PreparedStatement selectRowsUpTo;
  final PreparedStatement insertArchived;
  final PreparedStatement markArchived;
  final PreparedStatement deleteRowsUpTo;
  final PreparedStatement deleteSnapshots;
  final PreparedStatement selectArchivedRange;

  LifecycleStatements(CqlSession session, EventSchema schema) {
    String events = schema.events();
    String archive = schema.archive();
    String closed = schema.closedStreams();
    // the condition of every conditional append, so that an append and the close cannot both apply
    closeIf = prepare(session, events, "UPDATE " + events + " SET closed = ? WHERE aggregate_id = ?"
        + " IF head = ? AND closed = null");
    insertClosedEntry = prepare(session, closed, "INSERT INTO " + closed
        + " (day, aggregate_id, aggregate_type, closed) VALUES (?, ?, ?, ?)");
    deleteClosedEntry = prepare(session, closed, "DELETE FROM " + closed
        + " WHERE day = ? AND aggregate_id = ? AND closed = ?");
    deleteClosedDay = prepare(session, closed, "DELETE FROM " + closed + " WHERE day = ?");
    selectClosedDays = prepare(session, closed, "SELECT DISTINCT day FROM " + closed);
    selectClosedEntries = prepare(session, closed, "SELECT aggregate_id, closed FROM " + closed + " WHERE day = ?");
    selectArchiveState = prepare(session, events, "SELECT head, closed, archived, dirty, published FROM " + events
        + " WHERE aggregate_id = ? LIMIT 1");
    selectRowsUpTo = prepare(session, events, "SELECT " + EventSchema.EVENT_COLUMNS + " FROM " + events
        + " WHERE aggregate_id = ? AND version <= ?");
    insertArchived = prepare(session, archive, "INSERT INTO " + archive + " (" + EventSchema.EVENT_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    markArchived = prepare(session, events, "UPDATE " + events + " SET archived = ? WHERE aggregate_id = ?");
    // one range tombstone for all of the stream's rows; the statics stay
    deleteRowsUpTo = prepare(session, events, "DELETE FROM " + events + " WHERE aggregate_id = ? AND version <= ?");
    deleteSnapshots = prepare(session, schema.snapshots(), "DELETE FROM " + schema.snapshots()
        + " WHERE aggregate_id = ?");
    selectArchivedRange = prepare(session, archive, "SELECT " + EventSchema.EVENT_COLUMNS + " FROM " + archive
        + " WHERE aggregate_id = ? AND version >= ? AND version <= ?");
  }

  private static PreparedStatement prepare(CqlSession session, String table, String cql) {
    return TableCreation.prepare(session, table, CREATED_BY, cql);
  }
}
