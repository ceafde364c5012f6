package dev.es.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Metadata stored with every event: correlation id (the command or request that started it all), causation id
 * (the command or event that directly caused this one), source (the service that wrote it) and any string keys
 * the application adds.
 *
 * @param correlationId the id shared by everything one request caused, or null
 * @param causationId the id of the direct cause, or null
 * @param source the writing service, or null
 * @param attributes the application's own keys, never one of {@link #RESERVED_KEYS}
 */
public record EventMetadata(
    String correlationId, String causationId, String source, Map<String, String> attributes) {

  static final String CORRELATION_ID = "correlation_id";
  static final String CAUSATION_ID = "causation_id";
  static final String SOURCE = "source";

  /** Keys the framework stores its own fields under. */
  public static final Set<String> RESERVED_KEYS = Set.of(CORRELATION_ID, CAUSATION_ID, SOURCE);

  private static final EventMetadata EMPTY = new EventMetadata(null, null, null, Map.of());

  public EventMetadata {
    Objects.requireNonNull(attributes, "attributes");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (RESERVED_KEYS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "metadata key '" + e.getKey() + "' is reserved; use the record component instead");
      }
      Objects.requireNonNull(e.getValue(), () -> "metadata value of key '" + e.getKey() + "'");
    }
    attributes = Map.copyOf(attributes);
  }

  public static EventMetadata empty() {
    return EMPTY;
  }

  public EventMetadata withCorrelationId(String id) {
    return new EventMetadata(id, causationId, source, attributes);
  }

  public EventMetadata withCausationId(String id) {
    return new EventMetadata(correlationId, id, source, attributes);
  }

  public EventMetadata withSource(String newSource) {
    return new EventMetadata(correlationId, causationId, newSource, attributes);
  }

  /** A copy with one more application key. */
  public EventMetadata with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(attributes);
    copy.put(key, value);
    return new EventMetadata(correlationId, causationId, source, copy);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /** All fields as one map, as stored in the {@code metadata} column. */
  Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>(attributes);
    if (correlationId != null) map.put(CORRELATION_ID, correlationId);
    if (causationId != null) map.put(CAUSATION_ID, causationId);
    if (source != null) map.put(SOURCE, source);
    return map;
  }

  static EventMetadata fromMap(Map<String, String> stored) {
    if (stored == null || stored.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> attributes = new LinkedHashMap<>(stored);
    String correlation = attributes.remove(CORRELATION_ID);
    String causation = attributes.remove(CAUSATION_ID);
    String source = attributes.remove(SOURCE);
    return new EventMetadata(correlation, causation, source, attributes);
  }
}
