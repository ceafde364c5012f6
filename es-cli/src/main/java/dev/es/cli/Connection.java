package dev.es.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;

/**
 * A session on the application's cluster and the admin API on its keyspace, acting as the operator who runs the
 * command: the audit table records the changes under that name. The store has no event types registered: the
 * command line has none of the application's classes, and shows payloads as stored.
 */
final class Connection implements AutoCloseable {

  private final CqlSession session;
  private final EsAdmin admin;
  private final String actor;

  private Connection(CqlSession session, EsAdmin admin, String actor) {
    this.session = session;
    this.admin = admin;
    this.actor = actor;
  }

  /**
   * @throws CannotConnectException if no session opens
   * @throws dev.es.runtime.MissingTableException if the keyspace lacks the store's tables
   */
  static Connection open(CqlSessionBuilder builder, EventStoreOptions store, FeedOptions feed, String actor) {
    CqlSession session;
    try {
      session = builder.build();
    } catch (RuntimeException e) {
      throw new CannotConnectException(e);
    }
    try {
      Feed onKeyspace = new Feed(session, new CassandraEventStore(session, store), feed);
      return new Connection(session, new EsAdmin(onKeyspace, actor), actor);
    } catch (RuntimeException e) {
      session.closeAsync();
      throw e;
    }
  }

  EsAdmin admin() {
    return admin;
  }

  /** Who acts through {@link #admin()}. */
  String actor() {
    return actor;
  }

  /**
   * Starts closing the session without waiting for it: the driver's Netty threads wait 2 s for quiet before they
   * stop, which would only delay the command's exit.
   */
  @Override
  public void close() {
    session.closeAsync();
  }
}
