package dev.es.processor.validation;

import dev.es.processor.GeneratedNames;
import dev.es.processor.util.Annotations;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/** Tells a type the processor generated (now or in a previous build) from a user's type with the same name. */
final class NameCollisions {

  /** The runtime supertypes of generated types. */
  private static final Set<String> GENERATED_SUPERTYPES = Set.of(
      "dev.es.runtime.spi.AggregateType",
      "dev.es.runtime.spi.AbstractAggregateType",
      "dev.es.runtime.spi.SnapshotSerializer",
      "dev.es.runtime.AggregateRootRepository",
      "dev.es.runtime.RecordAggregateRepository",
      "dev.es.runtime.projection.Projection",
      "dev.es.runtime.spi.SagaType");

  private NameCollisions() {}

  /**
   * An existing type with a generated name is ours when it carries our {@code @Generated} (written in an earlier
   * round). {@code @Generated} is not in class files, so a class from the class path (a previous build's output)
   * is taken as ours when it has the supertype we generate, or, for a read-model table, its
   * {@code CREATE_TABLE} constant; a type written in the sources being compiled never is.
   */
  static boolean isCollision(TypeElement existing, Set<String> sourceTypes, Types types) {
    boolean generatedByUs =
        Annotations.mirror(existing, "javax.annotation.processing.Generated")
            .flatMap(m -> Annotations.explicitValue(m, "value"))
            .map(v -> v.toString().contains(GeneratedNames.PROCESSOR))
            .orElse(false);
    if (generatedByUs) {
      return false;
    }
    if (sourceTypes.contains(existing.getQualifiedName().toString())) {
      return true;
    }
    for (TypeMirror supertype : types.directSupertypes(existing.asType())) {
      if (GENERATED_SUPERTYPES.contains(types.erasure(supertype).toString())) {
        return false;
      }
    }
    return ElementFilter.fieldsIn(existing.getEnclosedElements()).stream()
        .noneMatch(f -> f.getSimpleName().contentEquals("CREATE_TABLE"));
  }
}
