package dev.es.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * The stream is closed ({@link CassandraEventStore#closeStream}): it takes no more events, and nothing of this
 * append was written. Retrying cannot succeed; the aggregate's life is over.
 */
public final class StreamClosedException extends EventStoreException {
  private final String aggregateType;
  private final UUID aggregateId;
  private final long closedVersion;
  private final Instant closedAt;

  /**
   * @param closedVersion the version the stream was closed at, its last event's
   * @param closedAt when it was closed
   */
  public StreamClosedException(String aggregateType, UUID aggregateId, long closedVersion, Instant closedAt) {
    super("the stream of " + aggregateType + " " + aggregateId + " was closed at version " + closedVersion + " ("
        + closedAt + "): it takes no more events, nothing was appended");
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.closedVersion = closedVersion;
    this.closedAt = closedAt;
  }

  /** The aggregate type the refused append named. */
  public String aggregateType() {
    return aggregateType;
  }

  public UUID aggregateId() {
    return aggregateId;
  }

  /** The version the stream was closed at: the version of its last event. */
  public long closedVersion() {
    return closedVersion;
  }

  public Instant closedAt() {
    return closedAt;
  }
}
