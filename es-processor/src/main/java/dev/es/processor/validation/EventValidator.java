package dev.es.processor.validation;

import dev.es.annotations.Apply;
import dev.es.annotations.Event;
import dev.es.annotations.Upcast;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.RoundElements;
import dev.es.processor.util.Annotations;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks the event records of a round: {@code @Event} only on records, revisions from 1, unique (name, revision),
 * {@code @Upcast} method shapes, and complete revision chains (every older revision upcasts to exactly the next
 * one). Returns the {@link EventCatalog} aggregates use.
 */
public final class EventValidator {

  private static final String EVENT = Event.class.getCanonicalName();

  private final ProcessorContext context;
  private final Diagnostics diagnostics;

  public EventValidator(ProcessorContext context) {
    this.context = context;
    this.diagnostics = context.diagnostics();
  }

  public EventCatalog validate(RoundElements elements) {
    EventCatalog catalog = new EventCatalog();
    Map<String, TypeElement> records = new TreeMap<>();
    Set<String> brokenRecords = new HashSet<>();

    for (TypeElement type : elements.types(Event.class)) {
      AnnotationMirror mirror = Annotations.mirror(type, EVENT).orElseThrow();
      if (type.getKind() != ElementKind.RECORD) {
        diagnostics.report(
            Message.EVENT_NOT_RECORD, type, mirror, null, type.getSimpleName(), kindName(type), type.getSimpleName());
        continue;
      }
      records.put(type.getQualifiedName().toString(), type);
      int revision = EventCatalog.revisionOf(type);
      if (revision < 1) {
        diagnostics.report(
            Message.EVENT_REVISION,
            type,
            mirror,
            Annotations.explicitValue(mirror, "revision").orElse(null),
            type.getSimpleName(),
            revision);
        brokenRecords.add(type.getQualifiedName().toString());
      }
    }

    Map<String, ExecutableElement> upcasts = new HashMap<>();
    Set<String> recordsWithBadUpcast = new HashSet<>();
    for (ExecutableElement method : elements.methods(Upcast.class)) {
      Element enclosing = method.getEnclosingElement();
      Optional<String> problem = upcastSignatureProblem(method);
      if (problem.isPresent()) {
        diagnostics.report(Message.UPCAST_SIGNATURE, method, describe(method), problem.get());
        if (enclosing instanceof TypeElement t) {
          recordsWithBadUpcast.add(t.getQualifiedName().toString());
        }
        continue;
      }
      TypeElement record = (TypeElement) enclosing;
      String key = record.getQualifiedName().toString();
      ExecutableElement first = upcasts.putIfAbsent(key, method);
      if (first != null) {
        diagnostics.report(Message.UPCAST_DUPLICATE, method, record.getSimpleName(), describe(first));
        brokenRecords.add(key);
        continue;
      }
      records.put(key, record);
      recordOf(method.getReturnType()).ifPresent(t -> records.put(t.getQualifiedName().toString(), t));
    }

    for (ExecutableElement method : elements.methods(Apply.class)) {
      if (method.getParameters().size() == 1) {
        recordOf(method.getParameters().get(0).asType())
            .ifPresent(t -> records.put(t.getQualifiedName().toString(), t));
      }
    }

    for (TypeElement record : records.values()) {
      String key = record.getQualifiedName().toString();
      EventCatalog.Entry entry =
          new EventCatalog.Entry(
              record,
              EventCatalog.nameOf(record),
              EventCatalog.revisionOf(record),
              Optional.ofNullable(upcasts.get(key)));
      catalog.add(entry);
      if (brokenRecords.contains(key) || recordsWithBadUpcast.contains(key)) {
        catalog.markBroken(entry.name());
      }
    }

    for (Map.Entry<String, List<EventCatalog.Entry>> group : catalog.groups().entrySet()) {
      checkChain(catalog, group.getKey(), group.getValue(), recordsWithBadUpcast);
    }
    return catalog;
  }

  private void checkChain(
      EventCatalog catalog, String name, List<EventCatalog.Entry> group, Set<String> recordsWithBadUpcast) {
    EventCatalog.Entry previous = null;
    for (EventCatalog.Entry entry : group) {
      if (previous != null && previous.revision() == entry.revision()) {
        diagnostics.report(
            Message.EVENT_DUPLICATE,
            entry.record(),
            Annotations.mirror(entry.record(), EVENT).orElse(null),
            null,
            entry.record().getQualifiedName(),
            name,
            entry.revision(),
            previous.record().getQualifiedName());
        catalog.markBroken(name);
      } else {
        previous = entry;
      }
    }
    int newest = group.get(group.size() - 1).revision();
    for (EventCatalog.Entry entry : group) {
      TypeElement record = entry.record();
      if (entry.upcast().isEmpty()) {
        if (entry.revision() < newest && !recordsWithBadUpcast.contains(record.getQualifiedName().toString())) {
          EventCatalog.Entry next = nextAbove(group, entry.revision());
          diagnostics.report(
              Message.UPCAST_MISSING,
              record,
              record.getSimpleName(),
              entry.revision(),
              name,
              next.revision(),
              record.getSimpleName(),
              next.record().getSimpleName(),
              next.record().getSimpleName(),
              entry.revision());
          catalog.markBroken(name);
        }
        continue;
      }
      ExecutableElement method = entry.upcast().get();
      Optional<TypeElement> target = recordOf(method.getReturnType());
      if (target.isEmpty()) {
        diagnostics.report(
            Message.UPCAST_TARGET, method, describe(method), method.getReturnType(), name, entry.revision() + 1,
            "It must return an event record.");
        catalog.markBroken(name);
        continue;
      }
      String targetName = EventCatalog.nameOf(target.get());
      int targetRevision = EventCatalog.revisionOf(target.get());
      if (!targetName.equals(name)) {
        diagnostics.report(
            Message.UPCAST_TARGET, method, describe(method), target.get().getSimpleName(), name,
            entry.revision() + 1,
            "It returns event \"" + targetName + "\"; give the records the same @Event(name = \"" + name + "\").");
        catalog.markBroken(name);
      } else if (targetRevision <= entry.revision()) {
        diagnostics.report(
            Message.UPCAST_TARGET, method, describe(method), target.get().getSimpleName(), name,
            entry.revision() + 1,
            "It returns revision " + targetRevision + "; an upcast must go to a higher revision.");
        catalog.markBroken(name);
      } else if (targetRevision != entry.revision() + 1) {
        diagnostics.report(
            Message.UPCAST_GAP, method, describe(method), entry.revision(), name, targetRevision);
        catalog.markBroken(name);
      } else if (nextAbove(group, entry.revision()).record() != target.get()) {
        // a duplicate revision + 1 was already reported; nothing more to say here
        catalog.markBroken(name);
      }
    }
  }

  private static EventCatalog.Entry nextAbove(List<EventCatalog.Entry> group, int revision) {
    for (EventCatalog.Entry e : group) {
      if (e.revision() > revision) {
        return e;
      }
    }
    throw new IllegalStateException("no revision above " + revision);
  }

  private Optional<String> upcastSignatureProblem(ExecutableElement method) {
    Element enclosing = method.getEnclosingElement();
    if (enclosing.getKind() != ElementKind.RECORD) {
      return Optional.of("is declared in " + kindName(enclosing) + " " + enclosing.getSimpleName()
          + ", not in an event record");
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return Optional.of("must not be static");
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      return Optional.of("must not be private");
    }
    if (!method.getParameters().isEmpty()) {
      return Optional.of("must not take parameters, found " + method.getParameters().size());
    }
    if (!method.getTypeParameters().isEmpty()) {
      return Optional.of("must not be generic");
    }
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      return Optional.of("returns void");
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (TypeChecks.isChecked(context, thrown)) {
        return Optional.of("must not declare checked exception " + thrown);
      }
    }
    return Optional.empty();
  }

  static Optional<TypeElement> recordOf(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.RECORD) {
      return Optional.of((TypeElement) ((DeclaredType) type).asElement());
    }
    return Optional.empty();
  }

  static String kindName(Element element) {
    return switch (element.getKind()) {
      case CLASS -> "class";
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      case RECORD -> "record";
      default -> element.getKind().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String describe(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
  }
}
