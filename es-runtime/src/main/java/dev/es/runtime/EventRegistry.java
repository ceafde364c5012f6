package dev.es.runtime;

import com.datastax.oss.driver.api.core.DriverException;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.Upcaster;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event type name and revision ↔ record class, and the upcasters between revisions. Filled from
 * {@link AggregateType#eventTypes()} (repositories register their aggregate type themselves) or by hand.
 * Thread-safe; registering the same type twice is harmless, two classes for one name and revision is an error.
 */
public final class EventRegistry {

  private record Key(String name, int revision) {}

  private final Map<Key, EventType<?>> byNameAndRevision = new ConcurrentHashMap<>();
  private final Map<Class<?>, EventType<?>> byClass = new ConcurrentHashMap<>();

  public static EventRegistry of(AggregateType<?, ?>... aggregateTypes) {
    EventRegistry registry = new EventRegistry();
    for (AggregateType<?, ?> type : aggregateTypes) {
      registry.register(type);
    }
    return registry;
  }

  public EventRegistry register(AggregateType<?, ?> aggregateType) {
    return registerAll(aggregateType.eventTypes());
  }

  public EventRegistry registerAll(Collection<? extends EventType<?>> eventTypes) {
    eventTypes.forEach(this::register);
    return this;
  }

  public synchronized EventRegistry register(EventType<?> type) {
    Key key = new Key(type.name(), type.revision());
    EventType<?> known = byNameAndRevision.get(key);
    if (known != null && !known.javaClass().equals(type.javaClass())) {
      throw new IllegalStateException("event type '" + type.name() + "' revision " + type.revision()
          + " is registered for both " + known.javaClass().getName() + " and " + type.javaClass().getName());
    }
    EventType<?> sameClass = byClass.get(type.javaClass());
    if (sameClass != null && !new Key(sameClass.name(), sameClass.revision()).equals(key)) {
      throw new IllegalStateException(type.javaClass().getName() + " is registered both as '" + sameClass.name()
          + "' revision " + sameClass.revision() + " and as '" + type.name() + "' revision " + type.revision());
    }
    byNameAndRevision.put(key, type);
    byClass.put(type.javaClass(), type);
    return this;
  }

  public Optional<EventType<?>> find(String name, int revision) {
    return Optional.ofNullable(byNameAndRevision.get(new Key(name, revision)));
  }

  /**
   * The type to store a payload under.
   *
   * @throws IllegalArgumentException if the class is not registered, or is an old revision
   */
  public EventType<?> typeOf(Object payload) {
    EventType<?> type = byClass.get(payload.getClass());
    if (type == null) {
      throw new IllegalArgumentException("no event type is registered for " + payload.getClass().getName()
          + ": register its aggregate type (or the event type) with the store's EventRegistry");
    }
    if (type.upcaster().isPresent()) {
      throw new IllegalArgumentException(payload.getClass().getName() + " is the old revision "
          + type.revision() + " of event type '" + type.name() + "': append the newest revision");
    }
    return type;
  }

  /**
   * Reads a stored payload and upcasts it step by step to the newest revision.
   *
   * @throws UnknownEventTypeException if the name and revision (or a revision of the chain) is not registered
   * @throws EventDeserializationException if the JSON cannot be read or an upcaster fails
   */
  Decoded decode(EventSerializer serializer, StoredEventRef ref, String json) {
    return decode((type, text) -> serializer.read(text, type.javaClass()), ref, json);
  }

  /**
   * {@link #decode(EventSerializer, StoredEventRef, String)} with the stored revision read by {@code reader}. A
   * storage failure of the reader (looking up a data subject's key) propagates as it is.
   */
  Decoded decode(PayloadReader reader, StoredEventRef ref, String json) {
    EventType<?> type = find(ref.eventType(), ref.revision())
        .orElseThrow(() -> new UnknownEventTypeException(
            ref.aggregateId(), ref.version(), ref.eventType(), ref.revision()));
    Object value;
    try {
      value = reader.read(type, json);
    } catch (DriverException | EventStoreException e) {
      // reading a data subject's key failed: a storage failure, not an unreadable payload
      throw e;
    } catch (Exception e) {
      throw new EventDeserializationException(ref.aggregateId(), ref.version(), ref.eventType(), ref.revision(), e);
    }
    while (type.upcaster().isPresent()) {
      int next = type.revision() + 1;
      value = upcast(type.upcaster().get(), value, ref);
      EventType<?> nextType = find(type.name(), next)
          .orElseThrow(() -> new UnknownEventTypeException(ref.aggregateId(), ref.version(), ref.eventType(), next));
      if (!nextType.javaClass().isInstance(value)) {
        throw new EventDeserializationException(ref.aggregateId(), ref.version(), ref.eventType(), ref.revision(),
            new IllegalStateException("upcaster of revision " + type.revision() + " returned "
                + value.getClass().getName() + ", not revision " + next + " " + nextType.javaClass().getName()));
      }
      type = nextType;
    }
    return new Decoded(type.revision(), value);
  }

  @SuppressWarnings("unchecked")
  private static Object upcast(Upcaster<?, ?> upcaster, Object value, StoredEventRef ref) {
    try {
      Object next = ((Upcaster<Object, Object>) upcaster).upcast(value);
      if (next == null) {
        throw new IllegalStateException("upcaster returned null");
      }
      return next;
    } catch (RuntimeException e) {
      throw new EventDeserializationException(ref.aggregateId(), ref.version(), ref.eventType(), ref.revision(), e);
    }
  }

  /** Reads a stored payload into the record of its type (the store's: decrypting personal data first). */
  @FunctionalInterface
  interface PayloadReader {
    Object read(EventType<?> type, String json) throws IOException;
  }

  /** Where a stored event is, for error messages. */
  record StoredEventRef(java.util.UUID aggregateId, long version, String eventType, int revision) {}

  /** A decoded payload at its newest revision. */
  record Decoded(int revision, Object payload) {}
}
