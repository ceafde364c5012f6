package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.processor.GeneratedNames;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.util.Annotations;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reports a generated name that is already taken by a type that is not ours: the processor's own output (now or
 * from a previous build) is not a collision.
 */
public final class NameCollisions {

  /** The runtime supertypes of generated types. */
  private static final Set<String> GENERATED_SUPERTYPES = Set.of(
      "dev.es.runtime.spi.AggregateType",
      "dev.es.runtime.spi.AbstractAggregateType",
      "dev.es.runtime.spi.SnapshotSerializer",
      "dev.es.runtime.AggregateRootRepository",
      "dev.es.runtime.RecordAggregateRepository",
      "dev.es.runtime.projection.Projection",
      "dev.es.runtime.spi.SagaType");

  private final ProcessorContext context;
  private final Set<String> sourceTypes;

  /**
   * @param sourceTypes qualified names of the types in the sources being compiled (root elements of all rounds),
   *     used to tell a user's type from a previous build's generated class
   */
  public NameCollisions(ProcessorContext context, Set<String> sourceTypes) {
    this.context = context;
    this.sourceTypes = sourceTypes;
  }

  /**
   * Reports {@link Message#NAME_COLLISION} on {@code source} when the type {@code generated} exists and is not
   * ours. The name is looked up in the module of {@code source}, where the generated type goes.
   */
  void check(TypeElement source, ClassName generated) {
    Elements elements = context.elements();
    TypeElement existing = elements.getTypeElement(elements.getModuleOf(source), generated.canonicalName());
    if (existing != null && isCollision(existing)) {
      context.diagnostics().report(
          Message.NAME_COLLISION, source, generated.canonicalName(), source.getSimpleName(), source.getSimpleName());
    }
  }

  /**
   * An existing type with a generated name is ours when it carries our {@code @Generated} (written in an earlier
   * round). {@code @Generated} is not in class files, so a class from the class path (a previous build's output)
   * is taken as ours when it has the supertype we generate, or, for a read-model table, its
   * {@code CREATE_TABLE} constant; a type written in the sources being compiled never is.
   */
  private boolean isCollision(TypeElement existing) {
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
    Types types = context.types();
    for (TypeMirror supertype : types.directSupertypes(existing.asType())) {
      if (GENERATED_SUPERTYPES.contains(types.erasure(supertype).toString())) {
        return false;
      }
    }
    return ElementFilter.fieldsIn(existing.getEnclosedElements()).stream()
        .noneMatch(f -> f.getSimpleName().contentEquals("CREATE_TABLE"));
  }
}
