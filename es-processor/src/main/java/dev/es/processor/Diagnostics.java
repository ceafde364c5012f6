package dev.es.processor;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reports {@link Message}s through the {@link Messager}, on the most specific element, de-duplicating identical
 * reports. Reporting never throws: validation keeps going to report every problem of a type.
 */
public final class Diagnostics {

  /**
   * Identifies a report by the declaration it is on, not by the element instance: javac gives a declaration new
   * element instances in later rounds, and the event records are checked again in every round.
   */
  private record Key(Message message, String text, String declaration, String annotation) {}

  private final Messager messager;
  private final Set<Key> reported = new HashSet<>();
  private int errorCount;

  public Diagnostics(Messager messager) {
    this.messager = Objects.requireNonNull(messager);
  }

  /** Reports {@code message} on {@code element}. */
  public void report(Message message, Element element, Object... args) {
    report(message, element, null, null, args);
  }

  /** Reports {@code message} on an annotation of {@code element}, and on one of its values when given. */
  public void report(
      Message message, Element element, AnnotationMirror mirror, AnnotationValue value, Object... args) {
    String text = message.format(args);
    String annotation = mirror == null ? null : mirror.getAnnotationType().toString();
    if (!reported.add(new Key(message, text, declaration(element), annotation))) {
      return;
    }
    if (message.kind() == javax.tools.Diagnostic.Kind.ERROR) {
      errorCount++;
    }
    if (mirror != null && value != null) {
      messager.printMessage(message.kind(), text, element, mirror, value);
    } else if (mirror != null) {
      messager.printMessage(message.kind(), text, element, mirror);
    } else {
      messager.printMessage(message.kind(), text, element);
    }
  }

  /** The element and its enclosing elements, e.g. {@code test.User on(test.Registered) e}. */
  private static String declaration(Element element) {
    StringBuilder path = new StringBuilder(element.toString());
    for (Element e = element; !(e instanceof TypeElement) && e.getEnclosingElement() != null; ) {
      e = e.getEnclosingElement();
      path.insert(0, e + " ");
    }
    return path.toString();
  }

  /** The number of errors reported so far; validators compare it before and after a type. */
  public int errorCount() {
    return errorCount;
  }
}
