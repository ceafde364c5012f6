package dev.es.processor;

import dev.es.processor.validation.UnresolvedTypes;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The annotated types whose declarations mention a type that did not resolve yet, kept by qualified name (javac
 * gives a type new element instances in every round) and retried in every later round: another annotation
 * processor may generate the missing type in the meantime. In the last round a type that still does not resolve
 * is reported as {@link Message#UNRESOLVED}; until then nothing is reported for it, so that no error is a mere
 * consequence of a type that is still to come.
 */
final class DeferredTypes {

  private final Elements elements;
  private final Diagnostics diagnostics;
  /** Per annotation, the names of the deferred types that carry it. */
  private final Map<Class<? extends Annotation>, Set<String>> names = new HashMap<>();

  DeferredTypes(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /**
   * The types of this round that carry {@code annotation} together with the ones deferred from earlier rounds,
   * sorted by qualified name so that the output does not depend on the round a type resolved in. The deferred
   * ones are taken out of the list of deferred types; {@link #resolves} puts them back if they still do not resolve.
   */
  List<TypeElement> withRetried(Class<? extends Annotation> annotation, List<TypeElement> ofRound) {
    List<TypeElement> types = new ArrayList<>(ofRound);
    Set<String> deferred = names.remove(annotation);
    if (deferred != null) {
      for (String name : deferred) {
        types.add(elements.getTypeElement(name));
      }
    }
    types.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return types;
  }

  /**
   * Whether everything {@code type}'s declaration mentions resolves. If not, the type is deferred to the next round,
   * or, in the last round, reported.
   */
  boolean resolves(Class<? extends Annotation> annotation, TypeElement type, boolean lastRound) {
    Optional<UnresolvedTypes.Unresolved> unresolved = UnresolvedTypes.in(type);
    if (unresolved.isEmpty()) {
      return true;
    }
    if (lastRound) {
      diagnostics.report(
          Message.UNRESOLVED, unresolved.get().element(), "@" + annotation.getSimpleName() + " " + type.getSimpleName(),
          unresolved.get().what());
    } else {
      names.computeIfAbsent(annotation, a -> new TreeSet<>()).add(type.getQualifiedName().toString());
    }
    return false;
  }
}
