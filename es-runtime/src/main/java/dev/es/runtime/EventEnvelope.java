package dev.es.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored event with everything known about it.
 *
 * @param eventId unique id of the event, also what makes a retried append idempotent
 * @param aggregateId the stream the event belongs to
 * @param aggregateType the aggregate type name
 * @param eventType the stable event type name
 * @param revision the revision of {@code payload} (after upcasting, the newest revision)
 * @param version 1-based position in the stream
 * @param timestamp when it was appended, in milliseconds precision
 * @param userId who caused it, or null
 * @param metadata correlation, causation, source and application keys
 * @param payload the event record
 * @param <E> the payload type
 */
public record EventEnvelope<E>(
    UUID eventId,
    UUID aggregateId,
    String aggregateType,
    String eventType,
    int revision,
    long version,
    Instant timestamp,
    String userId,
    EventMetadata metadata,
    E payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(payload, "payload");
  }
}
