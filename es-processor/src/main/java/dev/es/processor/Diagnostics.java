package dev.es.processor;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Reports {@link Message}s through the {@link Messager}, on the most specific element, de-duplicating identical
 * reports. Reporting never throws: validation keeps going to report every problem of a type.
 */
public final class Diagnostics {

  private record Key(Message message, String text, Element element, AnnotationMirror mirror) {}

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
    if (!reported.add(new Key(message, text, element, mirror))) {
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

  /** The number of errors reported so far; validators compare it before and after a type. */
  public int errorCount() {
    return errorCount;
  }
}
