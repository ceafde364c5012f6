package dev.es.runtime.saga;

import dev.es.runtime.EventMetadata;
import java.util.UUID;

/**
 * An event a saga handler decided to emit, stored with the instance's state (as JSON) until it is appended.
 *
 * @param aggregateType the target aggregate's type name
 * @param aggregateId the target stream
 * @param observedVersion the stream's version before the state write: the event can only land after it, so that
 *     is where a repeated publication looks for it; {@link #UNOBSERVED} while the handler runs (the version is
 *     read after it, see {@code SagaProcessor}), never stored
 * @param eventId derived from instance, cause and index: the same on every publication attempt
 * @param eventType the stable type name
 * @param revision its revision
 * @param payload the event as JSON
 * @param userId who caused it, or null
 * @param metadata correlation and causation of the handled event
 */
record StagedEvent(String aggregateType, UUID aggregateId, long observedVersion, UUID eventId, String eventType,
    int revision, String payload, String userId, EventMetadata metadata) {

  /** The observed version of an event staged by a handler that is still running. */
  static final long UNOBSERVED = -1;

  boolean observed() {
    return observedVersion != UNOBSERVED;
  }

  StagedEvent observedAt(long version) {
    return new StagedEvent(aggregateType, aggregateId, version, eventId, eventType, revision, payload, userId,
        metadata);
  }
}
