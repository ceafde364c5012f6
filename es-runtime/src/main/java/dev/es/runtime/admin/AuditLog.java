package dev.es.runtime.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.TableCreation;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The audit table: a partition per month (UTC), newest row first. */
final class AuditLog {

  /** How many months back {@link #latest} looks. */
  static final int MONTHS_KEPT_IN_VIEW = 12;

  private final EventStoreOptions options;
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  AuditLog(Feed feed) {
    this.options = feed.store().options();
    this.session = feed.store().session();
    String table = options.keyspace() + "." + FeedOptions.ADMIN_AUDIT_TABLE;
    insert = TableCreation.prepare(session, table, "feed.initialize()", "INSERT INTO " + table
        + " (month, at, id, actor, action, target, detail, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    select = TableCreation.prepare(session, table, "feed.initialize()",
        "SELECT * FROM " + table + " WHERE month = ? LIMIT ?");
  }

  void record(String actor, String action, String target, String detail, String outcome) {
    Instant at = options.clock().instant();
    session.execute(insert.bind(month(at), at, Uuids.timeBased(), actor, action, target, detail, outcome)
        .setConsistencyLevel(options.writeConsistency()));
  }

  /** The newest {@code limit} entries of the last {@value #MONTHS_KEPT_IN_VIEW} months, newest first. */
  List<AuditEntry> latest(int limit) {
    List<AuditEntry> entries = new ArrayList<>();
    YearMonth month = YearMonth.from(options.clock().instant().atZone(ZoneOffset.UTC));
    for (int back = 0; back < MONTHS_KEPT_IN_VIEW && entries.size() < limit; back++, month = month.minusMonths(1)) {
      for (Row row : session.execute(select.bind(month.toString(), limit - entries.size())
          .setConsistencyLevel(options.readConsistency()))) {
        entries.add(new AuditEntry(row.getInstant("at"), row.getUuid("id"), row.getString("actor"),
            row.getString("action"), row.getString("target"), row.getString("detail"), row.getString("outcome")));
      }
    }
    return entries;
  }

  private static String month(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
  }
}
