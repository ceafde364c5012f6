package dev.es.processor.util;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotation mirrors (needed for {@code Class} attributes and for pointing diagnostics at values). */
public final class Annotations {
  private Annotations() {}

  /** The mirror of the annotation with the given qualified name on {@code element}, if present. */
  public static Optional<AnnotationMirror> mirror(Element element, String annotation) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) m.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The explicitly written value of attribute {@code name}, if any (defaults are not included). */
  public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
