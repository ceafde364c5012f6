package dev.es.runtime;

import java.util.UUID;

/** Refused before sending: the append's batch would exceed the configured size limit. Nothing was written. */
public final class BatchTooLargeException extends EventStoreException {
  private final long sizeBytes;
  private final long limitBytes;

  public BatchTooLargeException(UUID aggregateId, int events, long sizeBytes, long limitBytes) {
    super("append of " + events + " events to aggregate " + aggregateId + " is about " + sizeBytes
        + " bytes, over the batch limit of " + limitBytes + " bytes (EventStoreOptions.maxBatchBytes);"
        + " nothing was written: append fewer or smaller events");
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
