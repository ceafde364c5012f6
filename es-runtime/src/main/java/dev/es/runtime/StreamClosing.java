package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes streams. The stream is first listed among the closed streams of the day, then its {@code closed} static
 * is set by a lightweight transaction on the condition every conditional append checks ({@code IF head = ? AND
 * closed = null}): of a close and an append racing at one version, exactly one applies. Listing first means that
 * a crash in between leaves an entry the archiver drops (its stream is not closed), never a closed stream the
 * archiver cannot find.
 */
final class StreamClosing {

  private static final Logger LOG = LoggerFactory.getLogger(StreamClosing.class);

  /** How often a close whose outcome is unknown (timeout) is resent before giving up. */
  private static final int UNKNOWN_OUTCOME_RETRIES = 3;

  /** How often a close at {@link ExpectedVersion#any()} tries again at the head an append moved it to. */
  private static final int ANY_VERSION_RETRIES = 16;

  private final CassandraEventStore store;
  private final CqlSession session;
  private final EventStoreOptions options;
  private final LifecycleStatements statements;

  StreamClosing(CassandraEventStore store, LifecycleStatements statements) {
    this.store = store;
    this.session = store.session();
    this.options = store.options();
    this.statements = statements;
  }

  ClosedStream close(String aggregateType, UUID aggregateId, ExpectedVersion expected) {
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(expected, "expected");
    if (expected == ExpectedVersion.noStream()) {
      throw new IllegalArgumentException("a stream is closed after its last event: expect a version of 1 or more,"
          + " or any(), to close " + aggregateType + " " + aggregateId);
    }
    long base;
    if (expected instanceof ExpectedVersion.Exact exact) {
      base = exact.version();
    } else {
      StreamHead current = store.streamHead(aggregateId);
      if (current.isClosed() || current.head() == 0) {
        return refused(aggregateType, aggregateId, expected, current);
      }
      base = current.head();
    }
    Instant closedAt = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    Entry entry = new Entry(LocalDate.ofInstant(closedAt, ZoneOffset.UTC), aggregateId, closedAt);
    session.execute(statements.insertClosedEntry.bind(entry.day(), aggregateId, aggregateType, closedAt)
        .setConsistencyLevel(options.writeConsistency()));
    for (int retries = 0; ; retries++) {
      ResultSet rs = closeIf(aggregateType, aggregateId, base, closedAt);
      if (rs.wasApplied()) {
        return new ClosedStream(aggregateId, base, closedAt, Optional.empty());
      }
      StreamHead current = StreamHead.of(rs.one());
      if (closedAt.equals(current.closed())) {
        return new ClosedStream(aggregateId, current.head(), closedAt, Optional.empty()); // a resend of ours applied
      }
      if (current.isClosed() || current.head() == 0 || expected != ExpectedVersion.any()
          || retries == ANY_VERSION_RETRIES) {
        drop(aggregateType, entry);
        return refused(aggregateType, aggregateId, expected, current);
      }
      base = current.head();
    }
  }

  /** An entry in the list of closed streams; one per close, so that dropping it leaves another close's alone. */
  private record Entry(LocalDate day, UUID aggregateId, Instant closedAt) {}

  /** Drops the entry of a close that did not apply. */
  private void drop(String aggregateType, Entry entry) {
    try {
      session.execute(statements.deleteClosedEntry.bind(entry.day(), entry.aggregateId(), entry.closedAt())
          .setConsistencyLevel(options.writeConsistency()));
    } catch (DriverException e) {
      // the archiver drops it later: its stream is not closed at the entry's time
      LOG.warn("could not delete the closed-stream entry {} of {}", entry, aggregateType, e);
    }
  }

  /**
   * The stream as it was closed before (closing twice is harmless), or the exception for a stream that does not
   * exist or moved past the expected version.
   */
  private ClosedStream refused(String aggregateType, UUID aggregateId, ExpectedVersion expected, StreamHead current) {
    if (current.isClosed()) {
      return store.closedStream(aggregateId).orElseThrow(() -> new IllegalStateException(
          "the stream of " + aggregateType + " " + aggregateId + " was closed and is no more"));
    }
    if (current.head() == 0) {
      throw new AggregateNotFoundException(aggregateType, aggregateId, ": no stream to close");
    }
    throw new ConcurrencyConflictException(aggregateId, expected, current.head());
  }

  /**
   * Sets {@code closed} if the stream is at {@code base} and open; after an unknown outcome the same condition is
   * sent again, whose failure then shows our own {@code closedAt} if the earlier attempt applied.
   */
  private ResultSet closeIf(String aggregateType, UUID aggregateId, long base, Instant closedAt) {
    RuntimeException unknown = null;
    for (int attempt = 0; attempt <= UNKNOWN_OUTCOME_RETRIES; attempt++) {
      try {
        return session.execute(statements.closeIf.bind(closedAt, aggregateId, base)
            .setConsistencyLevel(options.writeConsistency())
            .setSerialConsistencyLevel(options.serialConsistency()));
      } catch (WriteTimeoutException | CASWriteUnknownException | WriteFailureException | UnavailableException
          | DriverTimeoutException | ClosedConnectionException | HeartbeatException e) {
        if (unknown == null) {
          unknown = e;
        } else {
          unknown.addSuppressed(e);
        }
      }
    }
    throw new EventStoreException("closing the stream of " + aggregateType + " " + aggregateId + " at version "
        + base + " had an unknown outcome " + (UNKNOWN_OUTCOME_RETRIES + 1) + " times; closing is idempotent:"
        + " close it again", unknown);
  }
}
