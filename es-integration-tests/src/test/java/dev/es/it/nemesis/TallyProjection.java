package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.es.it.nemesis.NemesisSetup.Ticked;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A read model of every stream: its version, how many events were applied to it and the sum of its ticks. Applying
 * an event reads the row and writes the next one, so a repeated delivery (at least once by design: a crash, a
 * zombie after a pause) must be recognised: an event at or below the row's version is passed over, and the write is
 * stamped with the event's version, so that a zombie's late write of an older row never replaces a newer one. An
 * event that does not follow the row's version is a gap and fails the handler (the runner retries, then stops).
 */
final class TallyProjection implements Projection {

  /** The projection the two competing runners share. */
  static final String NAME = "tally";
  static final String TABLE = "tallies";

  /** A row of the read model. */
  record Tally(long version, long events, long total) {}

  private final CqlSession session;
  private final String name;
  private final PreparedStatement select;
  private final PreparedStatement upsert;

  TallyProjection(CqlSession session, String name, String table) {
    this.session = session;
    this.name = name;
    String qualified = NemesisSetup.KEYSPACE + "." + table;
    this.select = session.prepare("SELECT version, events, total FROM " + qualified + " WHERE aggregate_id = ?");
    this.upsert = session.prepare("INSERT INTO " + qualified + " (aggregate_id, version, events, total)"
        + " VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
  }

  static String createTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + NemesisSetup.KEYSPACE + "." + table
        + " (aggregate_id uuid PRIMARY KEY, version bigint, events bigint, total bigint)";
  }

  /** The whole read model: a full scan, fine for a test keyspace. */
  static Map<UUID, Tally> readAll(CqlSession session, String table) {
    Map<UUID, Tally> all = new HashMap<>();
    for (Row row : session.execute(SimpleStatement.newInstance("SELECT aggregate_id, version, events, total FROM "
        + NemesisSetup.KEYSPACE + "." + table).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM))) {
      all.put(row.getUuid("aggregate_id"), new Tally(row.getLong("version"), row.getLong("events"),
          row.getLong("total")));
    }
    return all;
  }

  /** What an event adds to a stream's total. */
  static int amount(Object payload) {
    return payload instanceof Ticked t ? t.amount() : 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void handle(FeedEvent event) {
    EventEnvelope<Object> e = event.envelope();
    Row row = session.execute(select.bind(e.aggregateId())
        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)).one();
    Tally before = row == null ? new Tally(0, 0, 0)
        : new Tally(row.getLong("version"), row.getLong("events"), row.getLong("total"));
    if (e.version() <= before.version()) {
      return;
    }
    if (e.version() != before.version() + 1) {
      throw new IllegalStateException("gap in " + e.aggregateId() + ": the read model is at version "
          + before.version() + ", the event at " + e.version());
    }
    session.execute(upsert.bind(e.aggregateId(), e.version(), before.events() + 1,
        before.total() + amount(e.payload()), e.version()).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
  }
}
