package dev.es.processor.validation;

import dev.es.annotations.PersonalData;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import dev.es.processor.RoundElements;
import dev.es.processor.util.RecordComponents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Name;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks every {@code @PersonalData} component of a round, whether or not its record is an event yet, so that a
 * mistake shows before the record is first applied: the component is a {@code String}, and its subject names
 * another component of the record that is not personal data itself and whose type can name a key.
 */
public final class PersonalDataValidator {

  private static final Set<String> SUBJECT_CLASSES =
      Set.of("java.lang.String", "java.util.UUID", "java.lang.Integer", "java.lang.Long");

  private final Diagnostics diagnostics;

  public PersonalDataValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void check(RoundElements elements) {
    for (RecordComponentElement component : elements.recordComponents(PersonalData.class)) {
      check(component);
    }
  }

  private void check(RecordComponentElement component) {
    TypeElement record = (TypeElement) component.getEnclosingElement();
    Element at = RecordComponents.positioned(component);
    Name name = component.getSimpleName();
    TypeMirror type = component.asType();
    // an unresolved type is javac's to report
    if (type.getKind() != TypeKind.ERROR && !EventHandlers.is(type, "java.lang.String")) {
      diagnostics.report(Message.PERSONAL_DATA_TYPE, at, name, record.getSimpleName(), type, name);
    }
    // without a subject attribute, javac reports the annotation
    PersonalFields.subject(component).ifPresent(subject -> checkSubject(component, at, subject));
  }

  private void checkSubject(RecordComponentElement component, Element at, String subject) {
    TypeElement record = (TypeElement) component.getEnclosingElement();
    Name name = component.getSimpleName();
    Optional<RecordComponentElement> named = PersonalFields.component(record, subject);
    if (named.isEmpty()) {
      String problem = subject.isBlank()
          ? "has a blank subject"
          : "names subject \"" + subject + "\", which is not one of its components";
      diagnostics.report(
          Message.PERSONAL_DATA_SUBJECT, at, name, record.getSimpleName(), problem,
          candidates(record) + didYouMean(record, subject));
    } else if (named.get().getSimpleName().equals(name)) {
      diagnostics.report(
          Message.PERSONAL_DATA_SUBJECT_PERSONAL, at, name, record.getSimpleName(), subject, "the component itself",
          candidates(record));
    } else if (PersonalFields.isPersonal(named.get())) {
      diagnostics.report(
          Message.PERSONAL_DATA_SUBJECT_PERSONAL, at, name, record.getSimpleName(), subject,
          "personal data itself", candidates(record));
    } else if (named.get().asType().getKind() != TypeKind.ERROR && !isSubjectType(named.get().asType())) {
      diagnostics.report(
          Message.PERSONAL_DATA_SUBJECT_TYPE, at, name, record.getSimpleName(), subject, named.get().asType(),
          subject, candidates(record));
    }
  }

  private static boolean isSubjectType(TypeMirror type) {
    return type.getKind() == TypeKind.INT
        || type.getKind() == TypeKind.LONG
        || SUBJECT_CLASSES.stream().anyMatch(name -> EventHandlers.is(type, name));
  }

  /** The components of {@code record} a subject could name, as the sentence that ends the subject messages. */
  private static String candidates(TypeElement record) {
    List<String> names = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (!PersonalFields.isPersonal(component) && isSubjectType(component.asType())) {
        names.add(component.getSimpleName().toString());
      }
    }
    if (names.isEmpty()) {
      return "The record has no component a subject could name: add one of type String, UUID, int or long, e.g."
          + " 'UUID customerId'.";
    }
    return "Components it could name: " + String.join(", ", names) + ".";
  }

  private static String didYouMean(TypeElement record, String subject) {
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (component.getSimpleName().toString().equalsIgnoreCase(subject.strip())) {
        return " Did you mean \"" + component.getSimpleName() + "\"?";
      }
    }
    return "";
  }
}
