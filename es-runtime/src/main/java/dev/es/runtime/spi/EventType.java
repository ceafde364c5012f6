package dev.es.runtime.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored event type: its stable name and revision, the record class that holds it, and, for an old
 * revision, how to turn it into the next revision.
 *
 * @param name the stable type name stored with the event (defaults to the record's simple name)
 * @param revision the revision, starting at 1
 * @param javaClass the record class
 * @param upcaster converts this revision to revision + 1; absent for the newest revision
 * @param personalData the components stored encrypted per data subject; empty for most event types
 * @param <T> the record type
 */
public record EventType<T>(String name, int revision, Class<T> javaClass, Optional<Upcaster<T, ?>> upcaster,
    List<PersonalField> personalData) {

  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaClass, "javaClass");
    Objects.requireNonNull(upcaster, "upcaster");
    personalData = List.copyOf(personalData);
    if (name.isBlank()) {
      throw new IllegalArgumentException("event type name of " + javaClass.getName() + " is blank");
    }
    if (revision < 1) {
      throw new IllegalArgumentException(
          "revision of event type " + name + " must be at least 1, was " + revision);
    }
  }

  public EventType(String name, int revision, Class<T> javaClass, Optional<Upcaster<T, ?>> upcaster) {
    this(name, revision, javaClass, upcaster, List.of());
  }

  /** This type with the given components stored encrypted per data subject (generated from {@code @PersonalData}). */
  public EventType<T> withPersonalData(PersonalField... fields) {
    return new EventType<>(name, revision, javaClass, upcaster, List.of(fields));
  }

  /** The newest revision of an event type: nothing to upcast. */
  public static <T> EventType<T> current(String name, int revision, Class<T> javaClass) {
    return new EventType<>(name, revision, javaClass, Optional.empty());
  }

  /**
   * {@link #current} for a record class known only as {@code Class<?>}. Generated code lists its event types with
   * this non-generic form, which the compiler checks without inferring a type argument per entry.
   */
  public static EventType<?> newest(String name, int revision, Class<?> javaClass) {
    return current(name, revision, javaClass);
  }

  /** An old revision that the given upcaster turns into revision + 1. */
  public static <T> EventType<T> upcasting(
      String name, int revision, Class<T> javaClass, Upcaster<T, ?> upcaster) {
    return new EventType<>(name, revision, javaClass, Optional.of(upcaster));
  }
}
