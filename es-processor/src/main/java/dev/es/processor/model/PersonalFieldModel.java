package dev.es.processor.model;

import java.util.Objects;

/**
 * A {@code @PersonalData} component of an event record, as the runtime's {@code PersonalField} names it: by JSON
 * property, which is the component's name unless {@code @JsonProperty} renames it.
 *
 * @param component the JSON property of the personal text
 * @param subject the JSON property of the component whose value names the data subject
 */
public record PersonalFieldModel(String component, String subject) {
  public PersonalFieldModel {
    Objects.requireNonNull(component);
    Objects.requireNonNull(subject);
  }
}
