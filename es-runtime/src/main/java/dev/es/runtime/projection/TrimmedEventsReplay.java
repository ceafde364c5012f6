package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedTrimmer;
import dev.es.runtime.internal.EventRows;
import dev.es.runtime.internal.TableCreation;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a feed shard that retention removed, read from the events table (or, for an archived stream, the
 * archive table) for a consumer that starts below the shard's floor: for each aggregate {@code feed_trimmed} lists,
 * its events up to the version kept there, in version order. The events above that version are in the feed, from
 * the floor on. Events of different aggregates come in no particular order (the feed's order is gone with its rows),
 * and with {@link FeedEvent#NOT_IN_FEED} positions.
 */
final class TrimmedEventsReplay {

  private static final Logger LOG = LoggerFactory.getLogger(TrimmedEventsReplay.class);

  private final Feed feed;
  private final CqlSession session;
  private final EventStoreOptions options;
  private final PreparedStatement selectTrimmed;
  private final PreparedStatement selectEvents;
  private final PreparedStatement selectArchived;

  TrimmedEventsReplay(Feed feed) {
    this.feed = feed;
    this.session = feed.session();
    this.options = feed.store().options();
    String trimmed = options.keyspace() + "." + FeedOptions.TRIMMED_TABLE;
    String events = options.keyspace() + "." + options.eventsTable();
    selectTrimmed = TableCreation.prepare(session, trimmed, "feed.initialize()",
        "SELECT aggregate_id, version FROM " + trimmed + " WHERE shard = ? AND part = ?");
    String archive = options.keyspace() + "." + options.archiveTable();
    selectEvents = TableCreation.prepare(session, events, "store.initialize()",
        "SELECT " + EventRows.COLUMNS + " FROM " + events + " WHERE aggregate_id = ? AND version <= ?");
    selectArchived = TableCreation.prepare(session, archive, "store.initialize()",
        "SELECT " + EventRows.COLUMNS + " FROM " + archive + " WHERE aggregate_id = ? AND version > ?"
            + " AND version <= ?");
  }

  /**
   * Hands every event below the shard's floor to the projection, each tried up to {@code maxAttempts} times,
   * calling {@code renewLeases} between aggregates once every {@code renewEvery} (a large store takes long).
   *
   * @return how many events the projection handled
   * @throws IllegalStateException naming the event, if the projection failed on one every time
   */
  long replay(Projection projection, int shard, int maxAttempts, Duration firstBackoff, Runnable renewLeases,
      Duration renewEvery) throws InterruptedException {
    long handled = 0;
    long renewedAt = System.nanoTime();
    for (int part = 0; part < FeedTrimmer.TRIMMED_PARTS; part++) {
      for (Row trimmed : session.execute(selectTrimmed.bind(shard, part)
          .setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize()))) {
        handled += replayAggregate(projection, shard, trimmed.getUuid(0), trimmed.getLong(1), maxAttempts,
            firstBackoff);
        if (System.nanoTime() - renewedAt >= renewEvery.toNanos()) {
          renewLeases.run();
          renewedAt = System.nanoTime();
        }
      }
    }
    LOG.info("Projection {} shard {}: handled {} events from below the feed's floor", projection.name(), shard,
        handled);
    return handled;
  }

  /**
   * An aggregate's events up to {@code upTo}: from the events table, and the rest from the archive table if the
   * stream was archived (its rows are copied there before they are deleted, and versions have no gaps).
   */
  private long replayAggregate(Projection projection, int shard, UUID aggregateId, long upTo, int maxAttempts,
      Duration firstBackoff) throws InterruptedException {
    long handled = 0;
    long last = 0;
    for (Row row : rows(selectEvents.bind(aggregateId, upTo))) {
      last = row.getLong("version");
      handled += handle(projection, shard, row, maxAttempts, firstBackoff);
    }
    if (last < upTo) {
      for (Row row : rows(selectArchived.bind(aggregateId, last, upTo))) {
        handled += handle(projection, shard, row, maxAttempts, firstBackoff);
      }
    }
    return handled;
  }

  private Iterable<Row> rows(BoundStatement statement) {
    return session.execute(statement.setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize()));
  }

  /** Hands the row's event to the projection if it handles its type (decoding only those); 1 if it did. */
  private int handle(Projection projection, int shard, Row row, int maxAttempts, Duration firstBackoff)
      throws InterruptedException {
    if (!projection.handles(row.getString("event_type"))) {
      return 0;
    }
    handle(projection, new FeedEvent(shard, FeedEvent.NOT_IN_FEED, EventRows.decode(feed.store(), row)),
        maxAttempts, firstBackoff);
    return 1;
  }

  private static void handle(Projection projection, FeedEvent event, int maxAttempts, Duration firstBackoff)
      throws InterruptedException {
    long backoff = firstBackoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        projection.handleAsync(event).toCompletableFuture().get();
        return;
      } catch (ExecutionException | RuntimeException e) {
        if (attempt >= maxAttempts) {
          throw new IllegalStateException("projection " + projection.name() + " failed " + attempt + " times on "
              + event.envelope().eventType() + " of aggregate " + event.envelope().aggregateId() + " version "
              + event.envelope().version() + " below the feed's floor",
              e instanceof ExecutionException ? e.getCause() : e);
        }
        Thread.sleep(backoff);
        backoff *= 2;
      }
    }
  }
}
