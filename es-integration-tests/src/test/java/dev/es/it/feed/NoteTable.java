package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An idempotent read model in Cassandra: one row per note, keyed by aggregate and version, so handling an event
 * again changes nothing and the table after a replay can be compared with the table after a rebuild.
 */
final class NoteTable implements Projection {

  private final CqlSession session;
  private final String name;
  private final String table;
  private final PreparedStatement insert;
  private final AtomicLong calls = new AtomicLong();

  NoteTable(CqlSession session, String keyspace, String name) {
    this.session = session;
    this.name = name;
    this.table = keyspace + ".notes_" + name;
    session.execute("CREATE TABLE IF NOT EXISTS " + table
        + " (aggregate_id uuid, version bigint, text text, PRIMARY KEY (aggregate_id, version))");
    this.insert = session.prepare("INSERT INTO " + table + " (aggregate_id, version, text) VALUES (?, ?, ?)");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void handle(FeedEvent event) {
    calls.incrementAndGet();
    Noted note = (Noted) event.envelope().payload();
    session.execute(insert.bind(event.envelope().aggregateId(), event.envelope().version(), note.text()));
  }

  @Override
  public void reset() {
    session.execute("TRUNCATE " + table);
  }

  /** How many times an event was handled, replays included. */
  long calls() {
    return calls.get();
  }

  /** The table: per aggregate and version, the note's text. */
  Map<String, String> rows() {
    Map<String, String> rows = new HashMap<>();
    for (Row row : session.execute("SELECT aggregate_id, version, text FROM " + table)) {
      rows.put(row.getUuid("aggregate_id") + "@" + row.getLong("version"), row.getString("text"));
    }
    return rows;
  }

  /** The rows the appended streams must leave: every version of every stream. */
  static Map<String, String> expected(Map<UUID, Long> heads) {
    Map<String, String> rows = new HashMap<>();
    heads.forEach((id, head) -> {
      for (long version = 1; version <= head; version++) {
        rows.put(id + "@" + version, "note " + version);
      }
    });
    return rows;
  }
}
