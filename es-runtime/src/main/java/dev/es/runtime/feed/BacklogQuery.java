package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Computes a shard's {@link Backlog} from the event store alone, whoever publishes (or fails to): the dirty streams'
 * {@code head - published}, and the timestamp of each one's first unpublished event. Costs one index query over the
 * shard's dirty streams and one single-row read per stream with unpublished events.
 */
final class BacklogQuery {

  /** Reads of first unpublished events in flight at once. */
  private static final int READS_IN_FLIGHT = 64;

  private final CqlSession session;
  private final FeedOptions options;
  private final ConsistencyLevel read;
  private final PreparedStatement selectDirty;
  private final PreparedStatement selectTimestamp;

  BacklogQuery(CqlSession session, String events, FeedOptions options, ConsistencyLevel read) {
    this.session = session;
    this.options = options;
    this.read = read;
    selectDirty = session.prepare("SELECT aggregate_id, head, published FROM " + events
        + " WHERE dirty = true AND token(aggregate_id) >= ? AND token(aggregate_id) <= ?");
    selectTimestamp = session.prepare("SELECT ts FROM " + events + " WHERE aggregate_id = ? AND version = ?");
  }

  Backlog of(int shard) {
    long events = 0;
    long streams = 0;
    Instant oldest = null;
    List<CompletableFuture<Instant>> reads = new ArrayList<>();
    UUID previous = null;
    // every event row of the dirty streams, a stream's rows one after the other: PER PARTITION LIMIT 1 runs into the
    // read timeout on replicas that disagree (see DirtyStreamFinder)
    for (Row row : session.execute(selectDirty.bind(options.firstToken(shard), options.lastToken(shard))
        .setConsistencyLevel(read))) {
      UUID stream = row.getUuid("aggregate_id");
      if (stream.equals(previous)) {
        continue;
      }
      previous = stream;
      long published = row.isNull("published") ? 0 : row.getLong("published");
      long unpublished = row.getLong("head") - published;
      if (unpublished > 0) {
        events += unpublished;
        streams++;
        reads.add(firstUnpublished(stream, published + 1));
        if (reads.size() == READS_IN_FLIGHT) {
          oldest = earliest(oldest, reads);
          reads.clear();
        }
      }
    }
    return new Backlog(shard, events, streams, Optional.ofNullable(earliest(oldest, reads)));
  }

  private CompletableFuture<Instant> firstUnpublished(UUID aggregateId, long version) {
    return session.executeAsync(selectTimestamp.bind(aggregateId, version).setConsistencyLevel(read))
        .thenApply(rs -> {
          Row row = rs.one();
          return row == null ? null : row.getInstant("ts");
        })
        .toCompletableFuture();
  }

  private static Instant earliest(Instant oldest, List<CompletableFuture<Instant>> reads) {
    Instant earliest = oldest;
    for (CompletableFuture<Instant> read : reads) {
      Instant at = read.join();
      if (at != null && (earliest == null || at.isBefore(earliest))) {
        earliest = at;
      }
    }
    return earliest;
  }
}
