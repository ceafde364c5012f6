package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.TableCreation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The consumer controls table (created by {@code Feed.initialize()}): one row per consumer a runner registered, what
 * an operator asked of it and its last failure. Every write is a lightweight transaction, as runners and operators in
 * several processes change the same rows (a plain write racing a conditional one is ordered by timestamps). A request
 * is claimed by one runner until {@code claimed_until}; a claim that ran out (its runner died) is claimed again.
 */
final class ConsumerControls {

  private final CqlSession session;
  private final EventStoreOptions options;
  private final PreparedStatement register;
  private final PreparedStatement select;
  private final PreparedStatement selectAll;
  private final PreparedStatement pause;
  private final PreparedStatement resume;
  private final PreparedStatement failed;
  private final PreparedStatement request;
  private final PreparedStatement claim;
  private final PreparedStatement done;

  ConsumerControls(CqlSession session, EventStoreOptions options) {
    this.session = session;
    this.options = options;
    String table = options.keyspace() + "." + FeedOptions.CONSUMER_CONTROLS_TABLE;
    register = prepare(table, "INSERT INTO " + table + " (consumer, registered, paused) VALUES (?, ?, false)"
        + " IF NOT EXISTS");
    select = prepare(table, "SELECT * FROM " + table + " WHERE consumer = ?");
    selectAll = prepare(table, "SELECT * FROM " + table);
    pause = prepare(table, "UPDATE " + table + " SET paused = true WHERE consumer = ? IF EXISTS");
    resume = prepare(table, "UPDATE " + table + " SET paused = false, failure = null, failed_at = null,"
        + " failed_owner = null WHERE consumer = ? IF EXISTS");
    failed = prepare(table, "UPDATE " + table + " SET failure = ?, failed_at = ?, failed_owner = ?"
        + " WHERE consumer = ? IF EXISTS");
    request = prepare(table, "UPDATE " + table + " SET request = ?, request_id = ?, request_positions = ?,"
        + " requested_by = ?, requested_at = ?, claimed_by = null, claimed_until = ? WHERE consumer = ?"
        + " IF request_id = null");
    claim = prepare(table, "UPDATE " + table + " SET claimed_by = ?, claimed_until = ? WHERE consumer = ?"
        + " IF request_id = ? AND claimed_until < ?");
    done = prepare(table, "UPDATE " + table + " SET request = null, request_id = null, request_positions = null,"
        + " requested_by = null, requested_at = null, claimed_by = null, claimed_until = null WHERE consumer = ?"
        + " IF request_id = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /** Registers a consumer a runner hosts; a consumer registered before keeps its row. */
  void register(String consumer) {
    execute(register.bind(consumer, options.clock().instant()));
  }

  Optional<ConsumerControl> read(String consumer) {
    return Optional.ofNullable(session.execute(select.bind(consumer)
        .setConsistencyLevel(options.readConsistency())).one()).map(ConsumerControls::control);
  }

  /** Every registered consumer: a scan of a table of one row per consumer. */
  List<ConsumerControl> all() {
    List<ConsumerControl> all = new ArrayList<>();
    for (Row row : session.execute(selectAll.bind().setConsistencyLevel(options.readConsistency())
        .setPageSize(options.pageSize()))) {
      all.add(control(row));
    }
    return all;
  }

  /** False if the consumer is not registered. */
  boolean pause(String consumer) {
    return execute(pause.bind(consumer));
  }

  /** Clears the pause and the last failure; false if the consumer is not registered. */
  boolean resume(String consumer) {
    return execute(resume.bind(consumer));
  }

  void failed(String consumer, String failure, String owner) {
    execute(failed.bind(failure, options.clock().instant(), owner, consumer));
  }

  /** Stores a replay request; false if another one is pending (the caller checked the consumer is registered). */
  boolean request(String consumer, ReplayRequest replay) {
    return execute(request.bind(replay.kind().name(), replay.id(), replay.positions(), replay.requestedBy(),
        replay.requestedAt(), Instant.EPOCH, consumer));
  }

  /** Claims a request for {@code owner} until {@code until}; false if it is gone or claimed by a live runner. */
  boolean claim(String consumer, UUID request, String owner, Instant until) {
    return execute(claim.bind(owner, until, consumer, request, options.clock().instant()));
  }

  /** Removes a request that was carried out. */
  boolean done(String consumer, UUID request) {
    return execute(done.bind(consumer, request));
  }

  private boolean execute(BoundStatement statement) {
    return session.execute(statement.setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency())).wasApplied();
  }

  private static ConsumerControl control(Row row) {
    Optional<ReplayRequest> replay = row.isNull("request_id") ? Optional.empty() : Optional.of(new ReplayRequest(
        row.getUuid("request_id"), ReplayRequest.Kind.valueOf(row.getString("request")),
        row.getMap("request_positions", Integer.class, Long.class), row.getString("requested_by"),
        row.getInstant("requested_at"), Optional.ofNullable(row.getString("claimed_by"))));
    Optional<ReportedFailure> failure = row.isNull("failure") ? Optional.empty() : Optional.of(
        new ReportedFailure(row.getString("failure"), row.getInstant("failed_at"),
            row.getString("failed_owner")));
    Instant claimedUntil = row.isNull("claimed_until") ? Instant.EPOCH : row.getInstant("claimed_until");
    return new ConsumerControl(row.getString("consumer"), row.getInstant("registered"), row.getBoolean("paused"),
        failure, replay, claimedUntil);
  }
}
