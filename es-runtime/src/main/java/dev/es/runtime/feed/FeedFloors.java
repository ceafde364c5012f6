package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.internal.TableCreation;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The feed's floors ({@code feed_retention}, one row per shard), written only by lightweight transactions and read
 * at the serial consistency. A trim first proposes its floor (pending), then checks every consumer, then either
 * moves the floor or withdraws; a consumer about to read the feed from a position first stores that position, then
 * reads the floor, waiting while a trim is pending. So a trim either sees the consumer's position, or the consumer
 * sees the new floor: no consumer reads a bucket that is being removed.
 */
public final class FeedFloors {

  private final CqlSession session;
  private final EventStoreOptions options;
  private final Duration pollInterval;
  private final PreparedStatement create;
  private final PreparedStatement select;
  private final PreparedStatement propose;
  private final PreparedStatement move;
  private final PreparedStatement withdraw;
  private final PreparedStatement cleared;

  FeedFloors(CqlSession session, FeedSchema schema, EventStoreOptions options, Duration pollInterval) {
    this.session = session;
    this.options = options;
    this.pollInterval = pollInterval;
    String table = schema.retention();
    create = prepare(table, "INSERT INTO " + table + " (shard, floor, pending_until) VALUES (?, 0, ?) IF NOT EXISTS");
    select = prepare(table, "SELECT floor, cleared, pending, pending_id, pending_until FROM " + table
        + " WHERE shard = ?");
    propose = prepare(table, "UPDATE " + table + " SET pending = ?, pending_id = ?, pending_until = ?"
        + " WHERE shard = ? IF floor = ? AND pending_until < ?");
    move = prepare(table, "UPDATE " + table + " SET floor = ?, pending = null, pending_id = null, pending_until = ?,"
        + " trimmed_at = ? WHERE shard = ? IF pending_id = ?");
    withdraw = prepare(table, "UPDATE " + table + " SET pending = null, pending_id = null, pending_until = ?"
        + " WHERE shard = ? IF pending_id = ?");
    cleared = prepare(table, "UPDATE " + table + " SET cleared = ? WHERE shard = ? IF floor = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /** A shard's floor, read at the serial consistency (a Paxos round): it sees every floor moved before. */
  public FeedFloor read(int shard) {
    Row row = session.execute(select.bind(shard).setConsistencyLevel(options.serialConsistency())).one();
    if (row == null) {
      return new FeedFloor(shard, 0, 0, OptionalLong.empty(), null, Instant.EPOCH);
    }
    OptionalLong pending = row.isNull("pending") ? OptionalLong.empty() : OptionalLong.of(row.getLong("pending"));
    Instant until = row.isNull("pending_until") ? Instant.EPOCH : row.getInstant("pending_until");
    long cleared = row.isNull("cleared") ? 0 : row.getLong("cleared");
    return new FeedFloor(shard, row.getLong("floor"), cleared, pending, row.getUuid("pending_id"), until);
  }

  /**
   * The floor of a shard for a reader that has stored the position it reads from, waiting while a trim pending on
   * the shard may remove that position. The reader reads the events table for positions below the floor returned.
   */
  public long settled(int shard, long position) throws InterruptedException {
    while (true) {
      FeedFloor floor = read(shard);
      if (!floor.trimming(options.clock().instant()) || position >= floor.pending().getAsLong()) {
        return floor.floor();
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** Proposes moving a shard's floor from {@code floor} to {@code next}; false if another trim is pending. */
  boolean propose(int shard, long floor, long next, UUID trim, Duration within) {
    Instant now = options.clock().instant();
    execute(create.bind(shard, Instant.EPOCH));
    return execute(propose.bind(next, trim, now.plus(within), shard, floor, now));
  }

  /** Moves the floor to the proposed one; false if the proposal is no longer this trim's. */
  boolean move(int shard, long next, UUID trim) {
    Instant now = options.clock().instant();
    return execute(move.bind(next, Instant.EPOCH, now, shard, trim));
  }

  /** Withdraws a proposal (a consumer was still below it). */
  void withdraw(int shard, UUID trim) {
    execute(withdraw.bind(Instant.EPOCH, shard, trim));
  }

  /** Records that the buckets below {@code floor}, the shard's floor, are removed. */
  void cleared(int shard, long floor) {
    execute(cleared.bind(floor, shard, floor));
  }

  private boolean execute(BoundStatement statement) {
    return session.execute(statement.setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency())).wasApplied();
  }
}
