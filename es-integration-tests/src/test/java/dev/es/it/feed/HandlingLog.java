package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A projection that takes a random time over each event and then records the handling in Cassandra: which runner
 * handled which version of which aggregate, and in which order (a sequence per runner; the handlings of one
 * aggregate by one runner never overlap, so their sequence numbers give their order).
 */
final class HandlingLog implements Projection {

  static final String NAME = "handling-log";

  /** One recorded handling. */
  record Handling(UUID aggregate, String runner, long sequence, long version, int shard, long position) {}

  private final CqlSession session;
  private final String runner;
  private final int maxMillis;
  private final PreparedStatement insert;
  private final AtomicLong sequence = new AtomicLong();

  HandlingLog(CqlSession session, String keyspace, String runner, int maxMillis) {
    this.session = session;
    this.runner = runner;
    this.maxMillis = maxMillis;
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".handlings (aggregate_id uuid, runner text,"
        + " sequence bigint, version bigint, shard int, position bigint,"
        + " PRIMARY KEY (aggregate_id, runner, sequence))");
    this.insert = session.prepare("INSERT INTO " + keyspace + ".handlings"
        + " (aggregate_id, runner, sequence, version, shard, position) VALUES (?, ?, ?, ?, ?, ?)");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void handle(FeedEvent event) throws InterruptedException {
    Thread.sleep(new Random(event.envelope().eventId().hashCode()).nextInt(maxMillis + 1));
    session.execute(insert.bind(event.envelope().aggregateId(), runner, sequence.incrementAndGet(),
        event.envelope().version(), event.shard(), event.position()));
  }

  /** Every recorded handling: per aggregate, per runner, in the order handled. */
  static Map<UUID, Map<String, List<Handling>>> read(CqlSession session, String keyspace) {
    Map<UUID, Map<String, List<Handling>>> all = new TreeMap<>();
    for (Row row : session.execute("SELECT * FROM " + keyspace + ".handlings")) {
      Handling handling = new Handling(row.getUuid("aggregate_id"), row.getString("runner"), row.getLong("sequence"),
          row.getLong("version"), row.getInt("shard"), row.getLong("position"));
      all.computeIfAbsent(handling.aggregate(), id -> new TreeMap<>())
          .computeIfAbsent(handling.runner(), r -> new ArrayList<>()).add(handling);
    }
    return all;
  }

  static long count(CqlSession session, String keyspace) {
    return session.execute("SELECT count(*) FROM " + keyspace + ".handlings").one().getLong(0);
  }
}
