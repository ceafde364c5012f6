package dev.es.processor;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The elements of one round that carry the processor's annotations, found in one scan of the round's root
 * elements ({@link RoundEnvironment#getElementsAnnotatedWithAny(TypeElement...)}) rather than one scan per annotation. Per
 * annotation, elements keep the order of the scan, which is the order {@code getElementsAnnotatedWith} gives.
 */
public final class RoundElements {

  /** Qualified annotation name to the elements carrying it (none of the es annotations is {@code @Inherited}). */
  private final Map<String, Set<Element>> byAnnotation = new HashMap<>();

  /**
   * @param annotations the annotations present in the round, as given to
   *     {@link javax.annotation.processing.Processor#process}
   */
  public RoundElements(RoundEnvironment round, Set<? extends TypeElement> annotations) {
    if (annotations.isEmpty()) {
      return;
    }
    for (TypeElement annotation : annotations) {
      byAnnotation.put(annotation.getQualifiedName().toString(), new LinkedHashSet<>());
    }
    for (Element element : round.getElementsAnnotatedWithAny(annotations.toArray(new TypeElement[0]))) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        Set<Element> elements =
            byAnnotation.get(((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString());
        if (elements != null) {
          elements.add(element);
        }
      }
    }
  }

  /** The types annotated with {@code annotation}, in scan order. */
  public List<TypeElement> types(Class<? extends Annotation> annotation) {
    return new ArrayList<>(ElementFilter.typesIn(annotated(annotation)));
  }

  /** The methods annotated with {@code annotation}, in scan order. */
  public List<ExecutableElement> methods(Class<? extends Annotation> annotation) {
    return new ArrayList<>(ElementFilter.methodsIn(annotated(annotation)));
  }

  /** The record components annotated with {@code annotation}, in scan order. */
  public List<RecordComponentElement> recordComponents(Class<? extends Annotation> annotation) {
    return new ArrayList<>(ElementFilter.recordComponentsIn(annotated(annotation)));
  }

  /** Whether {@code element} (of this round) carries {@code annotation}. */
  public boolean isAnnotated(Element element, Class<? extends Annotation> annotation) {
    return annotated(annotation).contains(element);
  }

  private Set<Element> annotated(Class<? extends Annotation> annotation) {
    return byAnnotation.getOrDefault(annotation.getCanonicalName(), Set.of());
  }
}
