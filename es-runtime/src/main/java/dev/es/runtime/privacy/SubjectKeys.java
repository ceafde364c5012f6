package dev.es.runtime.privacy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.es.runtime.EventStoreOptions;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The subjects' keys in Cassandra, one per subject, with a bounded cache of those in use. A key is made on first
 * use by a lightweight transaction, so concurrent first uses agree on one key; reading a key that is absent never
 * makes one. The cache keeps a key for at most {@link EventStoreOptions#subjectKeyCacheTtl()}: after a subject
 * is forgotten elsewhere, this process can open its texts until then.
 */
final class SubjectKeys {

  private static final int READ_ATTEMPTS = 3;

  private final CqlSession session;
  private final EventStoreOptions options;
  private final Supplier<SubjectStatements> statements;
  private final BoundedCache<String, SubjectKey> keys;
  /**
   * Ids of keys found deleted, so that many texts of a forgotten subject cost one lookup per time-to-live. Deleted
   * keys never come back (a new key gets a new id), but a key not yet replicated to this data center looks deleted:
   * that verdict must not outlive the time-to-live either.
   */
  private final BoundedCache<UUID, Boolean> deleted;

  SubjectKeys(CqlSession session, EventStoreOptions options, Supplier<SubjectStatements> statements) {
    this.session = session;
    this.options = options;
    this.statements = statements;
    this.keys = new BoundedCache<>(options.subjectKeyCacheSize(), options.subjectKeyCacheTtl());
    this.deleted = new BoundedCache<>(options.subjectKeyCacheSize(), options.subjectKeyCacheTtl());
  }

  /** The key to seal the subject's texts with: cached, else stored, else made now. */
  SubjectKey forSealing(String subject) {
    SubjectKey key = keys.get(subject);
    if (key == null) {
      key = read(subject, options.readConsistency());
      if (key == null) {
        key = create(subject);
      }
      keys.put(subject, key);
    }
    return key;
  }

  /**
   * The key {@code keyId} of the subject, or empty if it is deleted: the subject was forgotten (and may have a
   * newer key since). Before a key counts as deleted it is looked up at the serial consistency level, which sees
   * every key whose lightweight transaction completed.
   */
  Optional<SubjectKey> forOpening(String subject, UUID keyId) {
    SubjectKey cached = keys.get(subject);
    if (cached != null && cached.id().equals(keyId)) {
      return Optional.of(cached);
    }
    if (deleted.contains(keyId)) {
      return Optional.empty();
    }
    SubjectKey stored = read(subject, options.readConsistency());
    if (stored == null || !stored.id().equals(keyId)) {
      stored = read(subject, options.serialConsistency());
    }
    if (stored != null) {
      keys.put(subject, stored);
      if (stored.id().equals(keyId)) {
        return Optional.of(stored);
      }
    }
    deleted.put(keyId, Boolean.TRUE);
    return Optional.empty();
  }

  /** Deletes the subject's key and drops it from this process's cache; false if it had none. */
  boolean delete(String subject) {
    SubjectKey cached = keys.get(subject);
    boolean existed = session.execute(statements.get().deleteKeyIfPresent.bind(subject)
        .setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency())).wasApplied();
    keys.remove(subject);
    if (cached != null) {
      deleted.put(cached.id(), Boolean.TRUE);
    }
    return existed;
  }

  /**
   * The stored key, read again after a transient failure: a read that fails while an event is decoded fails the
   * whole load or page it is part of (a projection's worker retries the event, a caller's load is not retried).
   */
  private SubjectKey read(String subject, ConsistencyLevel consistency) {
    for (int attempt = 1; ; attempt++) {
      try {
        Row row = session.execute(statements.get().selectKey.bind(subject).setConsistencyLevel(consistency)).one();
        return row == null ? null : SubjectKey.of(row.getUuid("key_id"), row.getByteBuffer("key"));
      } catch (DriverTimeoutException | ReadTimeoutException | UnavailableException | AllNodesFailedException
          | ClosedConnectionException | HeartbeatException e) {
        if (attempt == READ_ATTEMPTS || !pause(attempt)) {
          throw e;
        }
      }
    }
  }

  /** Waits 100 ms, then 200 ms; false if interrupted (the interrupt is kept). */
  private static boolean pause(int attempt) {
    try {
      Thread.sleep(100L << (attempt - 1));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stores a new key unless the subject has one; a lost race returns the winner's. A timeout propagates: the
   * append that needed the key fails before writing, and its retry reads or settles the key stored meanwhile.
   */
  private SubjectKey create(String subject) {
    SubjectKey made = SubjectKey.generate();
    Row row = session.execute(statements.get().insertKeyIfAbsent
        .bind(subject, made.id(), made.bytes(), options.clock().instant())
        .setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency())).one();
    if (row == null || row.getBoolean("[applied]")) {
      return made;
    }
    return SubjectKey.of(row.getUuid("key_id"), row.getByteBuffer("key"));
  }
}
