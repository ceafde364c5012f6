package dev.es.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Finds a type that an annotated type's declaration mentions but javac could not resolve (yet): another
 * annotation processor may generate it in a later round. Only declarations count, never method bodies: its
 * supertypes, the class attributes of its annotations, the types of its fields, record components, methods and
 * constructors, and the fields of its superclasses (state a snapshot may write).
 */
public final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /**
   * A type that did not resolve.
   *
   * @param element the most specific declaration that mentions it, for the diagnostic
   * @param what the type as the declaration names it, for the diagnostic, e.g. {@code type OrderPlaced}
   */
  public record Unresolved(Element element, String what) {}

  /** The first unresolved type {@code type}'s declaration mentions, in declaration order, if any. */
  public static Optional<Unresolved> in(TypeElement type) {
    Optional<Unresolved> found = inAnnotations(type);
    if (found.isEmpty()) {
      found = inSupertypes(type);
    }
    for (Element member : type.getEnclosedElements()) {
      if (found.isPresent()) {
        return found;
      }
      found = inMember(member);
    }
    for (TypeMirror superclass = type.getSuperclass(); found.isEmpty() && superclass.getKind() == TypeKind.DECLARED;
        superclass = ((TypeElement) ((DeclaredType) superclass).asElement()).getSuperclass()) {
      TypeElement declaring = (TypeElement) ((DeclaredType) superclass).asElement();
      for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
        if (found.isEmpty()) {
          found = inType(type, field.asType());
        }
      }
    }
    return found;
  }

  private static Optional<Unresolved> inSupertypes(TypeElement type) {
    Optional<Unresolved> found = inType(type, type.getSuperclass());
    for (TypeMirror implemented : type.getInterfaces()) {
      if (found.isEmpty()) {
        found = inType(type, implemented);
      }
    }
    return found;
  }

  /**
   * A class attribute whose class does not resolve holds no {@link TypeMirror} but javac's placeholder, so an
   * attribute declared as {@code Class} (or {@code Class[]}) whose value is not a type did not resolve.
   */
  private static Optional<Unresolved> inAnnotations(TypeElement type) {
    for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
      for (var entry : annotation.getElementValues().entrySet()) {
        if (isClassAttribute(entry.getKey()) && !holdsTypes(entry.getValue())) {
          return Optional.of(
              new Unresolved(type, "the class given to @" + annotation.getAnnotationType().asElement().getSimpleName()
                  + "(" + entry.getKey().getSimpleName() + ")"));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isClassAttribute(ExecutableElement attribute) {
    TypeMirror returned = attribute.getReturnType();
    if (returned.getKind() == TypeKind.ARRAY) {
      returned = ((ArrayType) returned).getComponentType();
    }
    return returned.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) returned).asElement()).getQualifiedName().contentEquals("java.lang.Class");
  }

  private static boolean holdsTypes(AnnotationValue value) {
    Object held = value.getValue();
    if (held instanceof List<?> values) {
      return values.stream().allMatch(v -> v instanceof AnnotationValue a && holdsTypes(a));
    }
    return held instanceof TypeMirror type && type.getKind() != TypeKind.ERROR;
  }

  private static Optional<Unresolved> inMember(Element member) {
    if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.RECORD_COMPONENT) {
      return inType(member, member.asType());
    }
    if (member instanceof ExecutableElement executable) {
      Optional<Unresolved> found = inType(executable, executable.getReturnType());
      for (VariableElement parameter : executable.getParameters()) {
        if (found.isEmpty()) {
          found = inType(parameter, parameter.asType());
        }
      }
      for (TypeMirror thrown : executable.getThrownTypes()) {
        if (found.isEmpty()) {
          found = inType(executable, thrown);
        }
      }
      return found;
    }
    return Optional.empty();
  }

  private static Optional<Unresolved> inType(Element where, TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> Optional.of(new Unresolved(where, "type " + type));
      case ARRAY -> inType(where, ((ArrayType) type).getComponentType());
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
        yield bound == null ? Optional.empty() : inType(where, bound);
      }
      case DECLARED -> {
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          Optional<Unresolved> found = inType(where, argument);
          if (found.isPresent()) {
            yield found;
          }
        }
        yield Optional.empty();
      }
      default -> Optional.empty();
    };
  }
}
