package dev.es.runtime;

import java.util.UUID;

/**
 * The append was refused before any replica was sent its write, so none of its events is stored, now or later:
 * Cassandra found too few live replicas for the write consistency ({@code UnavailableException}, the cause). Only
 * a {@link AppendMode#SINGLE_WRITER} append can be certain of that; a conditional one settles an unavailable
 * cluster like a timeout (see {@link AppendOutcomeUnknownException}). Or, for {@link ExpectedVersion#any()} in
 * either mode and for every single-writer append, reading the stream's version (and close mark) that the append
 * builds on failed (the cause), so its write was never sent ({@link #attemptedVersion()} is then -1). Retrying the
 * same append later is safe.
 */
public final class AppendNotWrittenException extends EventStoreException {
  private final String aggregateType;
  private final UUID aggregateId;
  private final long attemptedVersion;

  /**
   * @param attemptedVersion the version the append built on: its events would have been at
   *     {@code attemptedVersion + 1 .. attemptedVersion + count}
   */
  public AppendNotWrittenException(String aggregateType, UUID aggregateId, ExpectedVersion expected,
      long attemptedVersion, int count, Throwable cause) {
    super("append of " + count + (count == 1 ? " event" : " events") + " to " + aggregateType + " " + aggregateId
        + " at expected version " + expected + " (versions " + (attemptedVersion + 1) + ".."
        + (attemptedVersion + count) + ") was refused before any replica was written, nothing was written: "
        + cause.getMessage(), cause);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.attemptedVersion = attemptedVersion;
  }

  private AppendNotWrittenException(String message, String aggregateType, UUID aggregateId, Throwable cause) {
    super(message, cause);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.attemptedVersion = -1;
  }

  /** An append whose read of the stream's version failed with {@code cause}: nothing was sent. */
  static AppendNotWrittenException versionUnread(String aggregateType, UUID aggregateId, ExpectedVersion expected,
      int count, Throwable cause) {
    return new AppendNotWrittenException("append of " + count + (count == 1 ? " event" : " events") + " to "
        + aggregateType + " " + aggregateId + " at expected version " + expected
        + " was not sent, nothing was written: reading the stream's version failed: " + cause.getMessage(),
        aggregateType, aggregateId, cause);
  }

  public String aggregateType() {
    return aggregateType;
  }

  public UUID aggregateId() {
    return aggregateId;
  }

  /** The version the append built on (the stream's version it expected); -1 if it read none. */
  public long attemptedVersion() {
    return attemptedVersion;
  }
}
