package dev.es.processor.validation;

import dev.es.processor.ProcessorContext;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Checks the validators of annotated types share. */
final class TypeChecks {
  private TypeChecks() {}

  /**
   * What keeps {@code type} from carrying its annotation, or {@code null}: it must be a non-generic class or record
   * that is not private nor nested in a private type; when the generated code creates its instances
   * ({@code instantiated}), also not abstract and not an inner class.
   */
  static String kindProblem(TypeElement type, boolean instantiated) {
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      String kind = EventValidator.kindName(type);
      return "is " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + ", not a class or record";
    }
    if (instantiated && type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "is abstract";
    }
    if (!type.getTypeParameters().isEmpty()) {
      return "is generic";
    }
    if (instantiated && type.getNestingKind().isNested() && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)) {
      return "is an inner class";
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return "is private or nested in a private type";
      }
    }
    return null;
  }

  /** Whether {@code thrown} is a checked exception type. */
  static boolean isChecked(ProcessorContext context, TypeMirror thrown) {
    Elements elements = context.elements();
    Types types = context.types();
    return !types.isSubtype(thrown, elements.getTypeElement("java.lang.RuntimeException").asType())
        && !types.isSubtype(thrown, elements.getTypeElement("java.lang.Error").asType());
  }

  /** Whether {@code method} declares a checked exception. */
  static boolean throwsChecked(ProcessorContext context, ExecutableElement method) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (isChecked(context, thrown)) {
        return true;
      }
    }
    return false;
  }
}
