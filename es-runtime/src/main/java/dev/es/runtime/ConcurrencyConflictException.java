package dev.es.runtime;

import java.util.UUID;

/** Another writer appended to the stream first: nothing of this append was written. Reload and retry. */
public final class ConcurrencyConflictException extends EventStoreException {
  private final UUID aggregateId;
  private final String expectedVersion;
  private final long actualVersion;

  public ConcurrencyConflictException(UUID aggregateId, ExpectedVersion expected, long actualVersion) {
    super("concurrency conflict on aggregate " + aggregateId + ": expected version " + expected
        + ", actual version " + actualVersion);
    this.aggregateId = aggregateId;
    this.expectedVersion = expected.toString();
    this.actualVersion = actualVersion;
  }

  public UUID aggregateId() {
    return aggregateId;
  }

  /** The expectation as text: a number, "no stream (0)" or "any". */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** The stream's version when the append was refused. */
  public long actualVersion() {
    return actualVersion;
  }
}
