package dev.es.runtime;

import java.util.UUID;

/**
 * The append timed out, lost its connection or failed on the replicas, and the store could not settle what became
 * of it: its events may be stored, or may still be stored later by an attempt Cassandra has not finished. Retry
 * with the same event ids at {@code ExpectedVersion.exactly(attemptedVersion())}: that retry stores them once
 * whichever attempt lands. A retry with {@link ExpectedVersion#any()} could store them a second time after the
 * first.
 */
public final class AppendOutcomeUnknownException extends EventStoreException {
  private final String aggregateType;
  private final UUID aggregateId;
  private final String expectedVersion;
  private final long attemptedVersion;

  /**
   * @param attemptedVersion the version the attempt in doubt built on: its events would be at
   *     {@code attemptedVersion + 1 .. attemptedVersion + count}
   */
  public AppendOutcomeUnknownException(String aggregateType, UUID aggregateId, ExpectedVersion expected,
      long attemptedVersion, int count, Throwable cause) {
    super("append of " + count + (count == 1 ? " event" : " events") + " to " + aggregateType + " " + aggregateId
        + " at expected version " + expected + " (versions " + (attemptedVersion + 1) + ".."
        + (attemptedVersion + count) + ") has an unknown outcome (" + cause.getClass().getSimpleName()
        + "): it may be stored, now or later; retry with the same event ids at expected version "
        + attemptedVersion, cause);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.expectedVersion = expected.toString();
    this.attemptedVersion = attemptedVersion;
  }

  public String aggregateType() {
    return aggregateType;
  }

  public UUID aggregateId() {
    return aggregateId;
  }

  /** The expectation the caller gave, as text: a number, "no stream (0)" or "any". */
  public String expectedVersion() {
    return expectedVersion;
  }

  /**
   * The version the attempt in doubt built on (the stream's version it expected). A retry with the same event ids
   * and {@code ExpectedVersion.exactly(attemptedVersion())} stores them once, or reports them
   * {@link AppendResult#alreadyStored()}.
   */
  public long attemptedVersion() {
    return attemptedVersion;
  }
}
