package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;

/** A projection that records, in Cassandra, which runner handled which event: to see who handled what. */
final class HandledTable implements Projection {

  static final String NAME = "shared";

  private final CqlSession session;
  private final String runner;
  private final PreparedStatement insert;

  HandledTable(CqlSession session, String keyspace, String runner) {
    this.session = session;
    this.runner = runner;
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".handled"
        + " (event_id uuid, runner text, shard int, position bigint, PRIMARY KEY (event_id, runner))");
    this.insert = session.prepare("INSERT INTO " + keyspace + ".handled (event_id, runner, shard, position)"
        + " VALUES (?, ?, ?, ?)");
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
