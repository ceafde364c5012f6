package dev.es.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An aggregate's serialized state after {@code version} events.
 *
 * @param aggregateId the aggregate
 * @param aggregateType its type name
 * @param version the version of the last event included
 * @param fingerprint the serializer's fingerprint when written; a different one means "do not read"
 * @param state the serialized state (JSON)
 * @param timestamp when it was written
 */
public record StoredSnapshot(
    UUID aggregateId, String aggregateType, long version, String fingerprint, String state, Instant timestamp) {

  public StoredSnapshot {
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(timestamp, "timestamp");
    if (version < 1) {
      throw new IllegalArgumentException("snapshot version must be at least 1, was " + version);
    }
  }
}
