package dev.es.processor.util;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/** Record components, which javac (17) neither positions in diagnostics nor gives the annotations it propagates. */
public final class RecordComponents {
  private RecordComponents() {}

  /**
   * Where to report a problem of a component: its private field, which javac positions on the component in the
   * record header (javac gives record component elements no position of their own).
   */
  public static Element positioned(RecordComponentElement component) {
    return field(component).map(Element.class::cast).orElse(component);
  }

  /**
   * The annotation on the component, its field or its accessor: an annotation without {@code RECORD_COMPONENT}
   * among its targets (e.g. Jackson's {@code @JsonProperty}) is found only on the members it propagates to.
   */
  public static Optional<AnnotationMirror> annotation(RecordComponentElement component, String annotation) {
    Optional<AnnotationMirror> found = Annotations.mirror(component, annotation);
    if (found.isEmpty()) {
      found = field(component).flatMap(field -> Annotations.mirror(field, annotation));
    }
    ExecutableElement accessor = component.getAccessor();
    if (found.isEmpty() && accessor != null) {
      found = Annotations.mirror(accessor, annotation);
    }
    return found;
  }

  private static Optional<VariableElement> field(RecordComponentElement component) {
    for (VariableElement field : ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())
          && !field.getModifiers().contains(Modifier.STATIC)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
