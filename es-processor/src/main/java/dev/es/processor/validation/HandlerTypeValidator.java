package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.util.Annotations;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * What {@link ProjectorValidator} and {@link SagaValidator} share: a class or record whose methods handle events,
 * named by a required {@code name} attribute that keys its state in the store, from which one type is generated.
 */
abstract class HandlerTypeValidator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  final ProcessorContext context;
  final Diagnostics diagnostics;
  final Types types;
  private final NameCollisions collisions;

  HandlerTypeValidator(ProcessorContext context, NameCollisions collisions) {
    this.context = context;
    this.diagnostics = context.diagnostics();
    this.types = context.types();
    this.collisions = collisions;
  }

  /**
   * Reports {@code message} if the kind of {@code type} is wrong (see {@link TypeChecks#kindProblem}).
   *
   * @param generated the type generated from {@code type}, named in the message
   * @return whether the kind is right; if not, nothing else can be checked
   */
  boolean checkKind(TypeElement type, boolean instantiated, ClassName generated, Message message) {
    String problem = TypeChecks.kindProblem(type, instantiated);
    if (problem != null) {
      diagnostics.report(message, type, type.getSimpleName(), problem, generated.simpleName());
      return false;
    }
    return true;
  }

  /**
   * Reports {@code message} on the {@code name} attribute of {@code annotation} unless {@code name} is letters,
   * digits, {@code _}, {@code -} and {@code .}, starts with a letter or digit and has at most 100 characters.
   */
  void checkName(TypeElement type, AnnotationMirror annotation, String name, Message message) {
    if (NAME.matcher(name).matches()) {
      return;
    }
    String problem = name.isBlank()
        ? "is blank"
        : name.length() > 100 ? "is longer than 100 characters" : "contains characters other than letters,"
            + " digits, '_', '-' and '.' or does not start with a letter or digit";
    diagnostics.report(
        message, type, annotation, Annotations.explicitValue(annotation, "name").orElse(null), name,
        type.getSimpleName(), problem);
  }

  /** Reports a type that already has the name of the type generated from {@code type}. */
  void checkNameCollision(TypeElement type, ClassName generated) {
    collisions.check(type, generated);
  }
}
