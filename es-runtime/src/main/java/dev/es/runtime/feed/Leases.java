package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.internal.TableCreation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Single-owner leases with fencing epochs, stored in one Cassandra table and changed only with lightweight
 * transactions. A lease row also carries its owner's progress, so a checkpoint is written in the same conditional
 * update that proves the owner still holds the lease.
 *
 * <p>Expiry uses the owners' clocks (a lease is free once its {@code expires} instant has passed), so clock skew
 * can only delay or hasten a takeover; it can never let two owners both write, because every write is conditioned
 * on the epoch.
 */
public final class Leases {

  private final CqlSession session;
  private final Clock clock;
  private final Duration duration;
  private final ConsistencyLevel read;
  private final ConsistencyLevel write;
  private final ConsistencyLevel serial;
  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final PreparedStatement takeOver;
  private final PreparedStatement renew;
  private final PreparedStatement checkpoint;
  private final PreparedStatement release;

  Leases(CqlSession session, String table, Duration duration, ConsistencyLevel read, ConsistencyLevel write,
      ConsistencyLevel serial, Clock clock) {
    this.session = session;
    this.clock = clock;
    this.duration = duration;
    this.read = read;
    this.write = write;
    this.serial = serial;
    select = prepare(table, "SELECT owner, epoch, expires, position FROM " + table + " WHERE name = ?");
    insert = prepare(table, "INSERT INTO " + table + " (name, owner, epoch, expires, position)"
        + " VALUES (?, ?, 1, ?, 0) IF NOT EXISTS");
    takeOver = prepare(table, "UPDATE " + table + " SET owner = ?, epoch = ?, expires = ?"
        + " WHERE name = ? IF epoch = ?");
    renew = prepare(table, "UPDATE " + table + " SET expires = ? WHERE name = ? IF epoch = ? AND owner = ?");
    checkpoint = prepare(table, "UPDATE " + table + " SET position = ?, expires = ?"
        + " WHERE name = ? IF epoch = ? AND owner = ?");
    release = prepare(table, "UPDATE " + table + " SET expires = ? WHERE name = ? IF epoch = ? AND owner = ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "feed.initialize()", cql);
  }

  /**
   * Takes the lease if it is free, expired or already ours; empty if someone else holds it. A plain read first: a
   * standby that polls for a lease held by another costs no Paxos round. It can only show an older row, whose expiry
   * is earlier unless a release came since, so it never makes a free lease look held for longer than that release
   * takes to show; whatever it shows free is settled by the serial read and the conditional write.
   */
  public Optional<Lease> tryAcquire(String name, String owner) {
    Row seen = session.execute(select.bind(name).setConsistencyLevel(read)).one();
    if (seen != null && !free(seen, owner)) {
      return Optional.empty();
    }
    Row current = session.execute(select.bind(name).setConsistencyLevel(serial)).one();
    Instant expires = clock.instant().plus(duration);
    if (current == null) {
      boolean applied = session.execute(insert.bind(name, owner, expires).setConsistencyLevel(write).setSerialConsistencyLevel(serial))
          .wasApplied();
      return applied ? Optional.of(new Lease(name, owner, 1, 0)) : Optional.empty();
    }
    long epoch = current.getLong("epoch");
    if (!free(current, owner)) {
      return Optional.empty();
    }
    ResultSet rs = session.execute(
        takeOver.bind(owner, epoch + 1, expires, name, epoch).setConsistencyLevel(write).setSerialConsistencyLevel(serial));
    return rs.wasApplied()
        ? Optional.of(new Lease(name, owner, epoch + 1, current.getLong("position")))
        : Optional.empty();
  }

  /** Whether a lease row lets {@code owner} take it: it is the owner's already, or it has expired. */
  private boolean free(Row lease, String owner) {
    return owner.equals(lease.getString("owner")) || !lease.getInstant("expires").isAfter(clock.instant());
  }

  /** Extends the lease; false if it was lost (taken over), after which the owner must stop. */
  public boolean renew(Lease lease) {
    return session.execute(renew.bind(clock.instant().plus(duration), lease.name(), lease.epoch(), lease.owner())
            .setConsistencyLevel(write).setSerialConsistencyLevel(serial))
        .wasApplied();
  }

  /** Stores the owner's progress and extends the lease; false if the lease was lost (nothing is written then). */
  public boolean checkpoint(Lease lease, long position) {
    return session.execute(checkpoint.bind(position, clock.instant().plus(duration), lease.name(), lease.epoch(),
                lease.owner())
            .setConsistencyLevel(write).setSerialConsistencyLevel(serial))
        .wasApplied();
  }

  /** The stored progress of a lease, whoever holds it; 0 if it never existed. A serial read: a Paxos round. */
  public long position(String name) {
    Row row = session.execute(select.bind(name).setConsistencyLevel(serial)).one();
    return row == null ? 0 : row.getLong("position");
  }

  /**
   * The stored progress of a lease as a read at the normal consistency level shows it, without a Paxos round: for
   * monitoring, which polls it. It may show the value before a conditional write that is still in flight, never
   * one that was not written.
   */
  public long observedPosition(String name) {
    return observed(name).map(LeaseState::position).orElse(0L);
  }

  /** The lease row as a read at the normal consistency level shows it; empty if the lease was never taken. */
  public Optional<LeaseState> observed(String name) {
    Row row = session.execute(select.bind(name).setConsistencyLevel(read)).one();
    return Optional.ofNullable(row).map(r -> new LeaseState(name, r.getString("owner"), r.getLong("epoch"),
        r.getInstant("expires"), r.getLong("position")));
  }


  /** Gives the lease up at once, so another owner need not wait for it to expire. */
  public void release(Lease lease) {
    session.execute(release.bind(clock.instant(), lease.name(), lease.epoch(), lease.owner())
        .setConsistencyLevel(write).setSerialConsistencyLevel(serial));
  }
}
