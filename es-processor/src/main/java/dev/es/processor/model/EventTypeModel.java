package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision of a stored event type.
 *
 * @param name the stable type name
 * @param revision the revision, from 1
 * @param javaClass the record holding this revision
 * @param upcastMethod the record's {@code @Upcast} method returning revision + 1; empty for the newest revision
 * @param personalData the record's {@code @PersonalData} components, in component order; empty for most events
 */
public record EventTypeModel(
    String name, int revision, ClassName javaClass, Optional<String> upcastMethod,
    List<PersonalFieldModel> personalData) {
  public EventTypeModel {
    Objects.requireNonNull(name);
    Objects.requireNonNull(javaClass);
    Objects.requireNonNull(upcastMethod);
    personalData = List.copyOf(personalData);
  }

  /** A revision without personal data. */
  public EventTypeModel(String name, int revision, ClassName javaClass, Optional<String> upcastMethod) {
    this(name, revision, javaClass, upcastMethod, List.of());
  }
}
