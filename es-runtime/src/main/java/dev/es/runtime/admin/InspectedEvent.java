package dev.es.runtime.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored event as an operator sees it: its envelope, its payload as stored (JSON), and the payload decoded when
 * this process can decode it.
 *
 * @param version its version in the stream
 * @param eventId its id
 * @param eventType its type name
 * @param revision its revision as stored
 * @param timestamp when it was appended
 * @param userId who appended it, if known
 * @param metadata its metadata (correlation and causation ids, the application's own entries)
 * @param json the payload as stored
 * @param payload the payload decoded and upcast to its newest revision; empty when this process cannot decode it
 * @param undecodable why it cannot be decoded here (the type or revision is unknown to this process, or the JSON
 *     does not read); empty when {@code payload} is present
 */
public record InspectedEvent(
    long version,
    UUID eventId,
    String eventType,
    int revision,
    Instant timestamp,
    String userId,
    Map<String, String> metadata,
    String json,
    Optional<Object> payload,
    Optional<String> undecodable) {

  public InspectedEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(undecodable, "undecodable");
  }
}
