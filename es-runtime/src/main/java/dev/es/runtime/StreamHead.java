package dev.es.runtime;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;

/**
 * A stream's statics as one read or failed condition returned them.
 *
 * @param head its version; 0 if it has no event
 * @param closed when it was closed; null while it is open
 * @param archived when its rows were moved to the archive table; null while they are in the events table
 */
record StreamHead(long head, Instant closed, Instant archived) {

  static final StreamHead NONE = new StreamHead(0, null, null);

  /**
   * The statics a row has: a read's, or a failed condition's, which has none when the partition does not exist.
   * No row: no stream.
   */
  static StreamHead of(Row row) {
    if (row == null || !row.getColumnDefinitions().contains("head")) {
      return NONE;
    }
    return new StreamHead(row.isNull("head") ? 0 : row.getLong("head"), row.getInstant("closed"),
        row.getColumnDefinitions().contains("archived") ? row.getInstant("archived") : null);
  }

  boolean isClosed() {
    return closed != null;
  }
}
