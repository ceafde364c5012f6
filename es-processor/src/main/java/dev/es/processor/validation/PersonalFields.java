package dev.es.processor.validation;

import dev.es.annotations.PersonalData;
import dev.es.processor.model.PersonalFieldModel;
import dev.es.processor.util.Annotations;
import dev.es.processor.util.RecordComponents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @PersonalData} from record components, through mirrors: a {@code @PersonalData} without
 * {@code subject} (which javac reports) must not fail the processor.
 */
final class PersonalFields {
  private PersonalFields() {}

  private static final String PERSONAL_DATA = PersonalData.class.getCanonicalName();
  /** Matched by name: the processor does not depend on Jackson. */
  private static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";

  /**
   * The personal fields of {@code record}, in component order, by JSON property. A component whose subject names
   * no other component is left out: {@link PersonalDataValidator} reports it.
   */
  static List<PersonalFieldModel> of(TypeElement record) {
    List<PersonalFieldModel> fields = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<RecordComponentElement> subject = subject(component).flatMap(name -> component(record, name));
      if (subject.isPresent() && !subject.get().getSimpleName().equals(component.getSimpleName())) {
        fields.add(new PersonalFieldModel(jsonName(component), jsonName(subject.get())));
      }
    }
    return fields;
  }

  static boolean isPersonal(RecordComponentElement component) {
    return Annotations.mirror(component, PERSONAL_DATA).isPresent();
  }

  /** The {@code subject} written in the component's {@code @PersonalData}, if it has one. */
  static Optional<String> subject(RecordComponentElement component) {
    return Annotations.mirror(component, PERSONAL_DATA)
        .flatMap(mirror -> Annotations.explicitValue(mirror, "subject"))
        .map(AnnotationValue::getValue)
        .filter(String.class::isInstance)
        .map(String.class::cast);
  }

  /** The component of {@code record} called {@code name}. */
  static Optional<RecordComponentElement> component(TypeElement record, String name) {
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (component.getSimpleName().contentEquals(name)) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }

  /** The component's JSON property: its name, or the value of its {@code @JsonProperty}. */
  static String jsonName(RecordComponentElement component) {
    return RecordComponents.annotation(component, JSON_PROPERTY)
        .flatMap(mirror -> Annotations.explicitValue(mirror, "value"))
        .map(value -> String.valueOf(value.getValue()))
        .filter(name -> !name.isEmpty())
        .orElse(component.getSimpleName().toString());
  }
}
