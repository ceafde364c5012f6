package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;

/**
 * A projection that records, in Cassandra, every time a runner handled an event (one row per call, so a repeat
 * shows): to see who handled what, and how often.
 */
final class HandledTable implements Projection {

  static final String NAME = "shared";

  private final CqlSession session;
  private final String runner;
  private final PreparedStatement insert;

  HandledTable(CqlSession session, String keyspace, String runner) {
    this.session = session;
    this.runner = runner;
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".handled"
        + " (event_id uuid, runner text, call timeuuid, shard int, position bigint,"
        + " PRIMARY KEY (event_id, runner, call))");
    this.insert = session.prepare("INSERT INTO " + keyspace + ".handled (event_id, runner, call, shard, position)"
        + " VALUES (?, ?, now(), ?, ?)");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void handle(FeedEvent event) {
    session.execute(insert.bind(event.envelope().eventId(), runner, event.shard(), event.position()));
  }
}
