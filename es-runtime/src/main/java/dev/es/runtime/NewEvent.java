package dev.es.runtime;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append. Keep the {@code eventId} when retrying an append: the store recognises events it already
 * holds by their ids and reports success instead of a conflict.
 *
 * @param eventId unique id of the event
 * @param payload the event record
 * @param userId who caused it, or null
 * @param metadata correlation, causation, source and application keys
 */
public record NewEvent(UUID eventId, Object payload, String userId, EventMetadata metadata) {

  public NewEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(metadata, "metadata");
  }

  /** A new event with a random id carrying the current {@link MetadataContext} (user, correlation, causation). */
  public static NewEvent of(Object payload) {
    return new NewEvent(
        UUID.randomUUID(), payload, MetadataContext.currentUserId(), MetadataContext.currentMetadata());
  }
}
