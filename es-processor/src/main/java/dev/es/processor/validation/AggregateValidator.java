package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.es.annotations.Apply;
import dev.es.annotations.Event;
import dev.es.annotations.EventSourced;
import dev.es.processor.Diagnostics;
import dev.es.processor.GeneratedNames;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.ApplyHandlerModel;
import dev.es.processor.model.SnapshotModel;
import dev.es.processor.model.StateFieldModel;
import dev.es.processor.model.StateStyle;
import dev.es.processor.util.Access;
import dev.es.processor.util.Annotations;
import dev.es.processor.util.Fingerprints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Validates one {@code @EventSourced} type and builds its {@link AggregateModel}. Reports every problem it finds
 * (it does not stop at the first) and returns empty when any was reported for the type or for its events.
 */
public final class AggregateValidator {

  /** The runtime base class of mutable aggregates. */
  public static final String AGGREGATE_ROOT = "dev.es.runtime.AggregateRoot";

  private static final String EVENT_SOURCED = EventSourced.class.getCanonicalName();
  private static final String APPLY = Apply.class.getCanonicalName();
  private static final String UUID = "java.util.UUID";

  /**
   * The fingerprint line naming how state fields are written. Snapshots written before it (by a mapper of the
   * generated serializer's own, with {@code java.time} values as numbers) have fingerprints without it, so they
   * are ignored and the aggregate is rebuilt from its events; change it whenever the generated format changes.
   */
  static final String STATE_FORMAT = "format json of EventStoreOptions.objectMapper";

  private final ProcessorContext context;
  private final Diagnostics diagnostics;
  private final Types types;

  private final NameCollisions collisions;

  public AggregateValidator(ProcessorContext context, NameCollisions collisions) {
    this.collisions = collisions;
    this.context = context;
    this.diagnostics = context.diagnostics();
    this.types = context.types();
  }

  public Optional<AggregateModel> validate(TypeElement type, EventCatalog catalog) {
    int errorsBefore = diagnostics.errorCount();
    boolean eventsBroken = false;
    AnnotationMirror annotation = Annotations.mirror(type, EVENT_SOURCED).orElseThrow();
    EventSourced settings = type.getAnnotation(EventSourced.class);

    if (!checkKind(type)) {
      return Optional.empty();
    }
    boolean isRecord = type.getKind() == ElementKind.RECORD;
    StateStyle style = isRecord ? StateStyle.RECORD : StateStyle.MUTABLE;
    ClassName aggregateName = ClassName.get(type);
    String name = settings.name().isEmpty() ? type.getSimpleName().toString() : settings.name();
    PackageElement pkg = context.elements().getPackageOf(type);

    if (settings.snapshotEvery() < 0) {
      diagnostics.report(
          Message.SNAPSHOT_EVERY,
          type,
          annotation,
          Annotations.explicitValue(annotation, "snapshotEvery").orElse(null),
          type.getSimpleName(),
          settings.snapshotEvery());
    }
    if (settings.snapshotAfterReplaying() < 0) {
      diagnostics.report(
          Message.SNAPSHOT_AFTER_REPLAYING,
          type,
          annotation,
          Annotations.explicitValue(annotation, "snapshotAfterReplaying").orElse(null),
          type.getSimpleName(),
          settings.snapshotAfterReplaying());
    }
    boolean snapshots =
        settings.snapshots() || settings.snapshotEvery() > 0 || settings.snapshotAfterReplaying() > 0;

    Optional<AnnotationValue> eventsValue = Annotations.explicitValue(annotation, "events");
    TypeMirror eventsAttribute =
        eventsValue
            .map(AnnotationValue::getValue)
            .filter(v -> v instanceof TypeMirror)
            .map(v -> (TypeMirror) v)
            .filter(t -> t.getKind() != TypeKind.VOID)
            .orElse(null);

    TypeElement eventBase = null;
    if (!isRecord) {
      Optional<TypeMirror> argument = aggregateRootArgument(type.asType());
      if (argument.isEmpty()) {
        diagnostics.report(
            Message.AGGREGATE_BASE, type, type.getSimpleName(), type.getSimpleName(), type.getSimpleName());
      } else if (argument.get().getKind() != TypeKind.DECLARED
          || !((DeclaredType) argument.get()).getTypeArguments().isEmpty()) {
        diagnostics.report(
            Message.EVENT_BASE, type, type.getSimpleName(),
            "AggregateRoot's type argument " + argument.get() + " is not a non-generic class or interface");
      } else {
        eventBase = (TypeElement) ((DeclaredType) argument.get()).asElement();
        if (eventsAttribute != null && !types.isSameType(types.erasure(eventsAttribute), eventBase.asType())) {
          diagnostics.report(
              Message.EVENT_BASE, type, annotation, eventsValue.get(), type.getSimpleName(),
              "events = " + eventsAttribute + " but it extends AggregateRoot<" + eventBase.getSimpleName() + ">");
        }
      }
    } else if (eventsAttribute != null) {
      if (eventsAttribute.getKind() != TypeKind.DECLARED) {
        diagnostics.report(
            Message.EVENT_BASE, type, annotation, eventsValue.get(), type.getSimpleName(),
            "events = " + eventsAttribute + " is not a class or interface");
      } else {
        eventBase = (TypeElement) ((DeclaredType) eventsAttribute).asElement();
      }
    }

    checkConstructor(type, isRecord);

    // @Apply methods, in declaration order
    EventHandlers applyMethods =
        new EventHandlers(context, EventHandlers.Kind.APPLY, type, catalog, returnHint(type, isRecord));
    boolean anyApply = false;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.mirror(method, APPLY).isPresent()) {
        anyApply = true;
        checkReturn(type, method, isRecord);
        applyMethods.check(method);
      }
    }
    Map<String, EventHandlers.Handler> handlers = new LinkedHashMap<>();
    for (EventHandlers.Handler handler : applyMethods.handlers()) {
      handlers.put(handler.event().getQualifiedName().toString(), handler);
      eventsBroken |= catalog.isBroken(EventCatalog.nameOf(handler.event()));
    }
    if (!anyApply) {
      diagnostics.report(Message.APPLY_NONE, type, type.getSimpleName());
    }

    if (isRecord && eventBase == null && eventsAttribute == null && !handlers.isEmpty()) {
      eventBase = inferEventBase(type, handlers.values());
    }
    if (eventBase != null) {
      checkEventTypes(type, isRecord, eventBase, handlers);
    }

    Optional<SnapshotModel> snapshot = Optional.empty();
    if (snapshots) {
      List<StateFieldModel> fields = isRecord ? recordState(type) : mutableState(type, pkg);
      snapshot = Optional.of(snapshotModel(name, settings, fields, handlers.values()));
    }

    checkNameCollisions(type, aggregateName, snapshots);

    if (diagnostics.errorCount() > errorsBefore || eventsBroken || eventBase == null) {
      return Optional.empty();
    }
    List<ApplyHandlerModel> models = new ArrayList<>();
    for (EventHandlers.Handler h : handlers.values()) {
      models.add(
          new ApplyHandlerModel(h.method().getSimpleName().toString(), ClassName.get(h.event()), h.revisions()));
    }
    return Optional.of(
        new AggregateModel(type, aggregateName, name, style, ClassName.get(eventBase), models, snapshot));
  }

  private boolean checkKind(TypeElement type) {
    String problem = TypeChecks.kindProblem(type, true);
    if (problem != null) {
      diagnostics.report(Message.AGGREGATE_KIND, type, type.getSimpleName(), problem);
      return false;
    }
    return true;
  }

  /** The type argument E of the AggregateRoot<E> supertype, if the type has one. */
  private Optional<TypeMirror> aggregateRootArgument(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) supertype;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(AGGREGATE_ROOT)) {
        return declared.getTypeArguments().size() == 1
            ? Optional.of(declared.getTypeArguments().get(0))
            : Optional.empty();
      }
      if (element.getKind() == ElementKind.CLASS) {
        Optional<TypeMirror> found = aggregateRootArgument(supertype);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private void checkConstructor(TypeElement type, boolean isRecord) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)
          && constructor.getParameters().size() == 1
          && isUuid(constructor.getParameters().get(0).asType())) {
        return;
      }
    }
    diagnostics.report(
        Message.CONSTRUCTOR,
        type,
        type.getSimpleName(),
        type.getSimpleName(),
        isRecord ? "this(id, ...initial state...);" : "super(id);");
  }

  private boolean isUuid(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(UUID);
  }

  /** What an {@code @Apply} method returns, for fixes in messages: the next state (record) or {@code void}. */
  private static String returnHint(TypeElement aggregate, boolean isRecord) {
    return isRecord ? aggregate.getSimpleName().toString() : "void";
  }

  /** A record aggregate's {@code @Apply} returns the next state, a mutable one's returns {@code void}. */
  private void checkReturn(TypeElement aggregate, ExecutableElement method, boolean isRecord) {
    String describe = EventValidator.describe(method);
    TypeMirror returnType = method.getReturnType();
    if (isRecord && !types.isSameType(returnType, aggregate.asType())) {
      diagnostics.report(
          Message.APPLY_RETURN, method, describe, aggregate.getSimpleName(), returnType, aggregate.getSimpleName(),
          aggregate.getSimpleName());
    } else if (!isRecord && returnType.getKind() != TypeKind.VOID) {
      diagnostics.report(Message.APPLY_VOID, method, describe, aggregate.getSimpleName(), returnType);
    }
  }

  /** The one sealed interface that every handled record implements directly. */
  private TypeElement inferEventBase(TypeElement aggregate, Iterable<EventHandlers.Handler> handlers) {
    Set<String> common = null;
    Map<String, TypeElement> byName = new LinkedHashMap<>();
    for (EventHandlers.Handler handler : handlers) {
      Set<String> sealed = new TreeSet<>();
      for (TypeMirror superinterface : handler.event().getInterfaces()) {
        TypeElement element = (TypeElement) types.asElement(superinterface);
        if (element.getModifiers().contains(Modifier.SEALED)) {
          sealed.add(element.getQualifiedName().toString());
          byName.put(element.getQualifiedName().toString(), element);
        }
      }
      if (common == null) {
        common = sealed;
      } else {
        common.retainAll(sealed);
      }
    }
    if (common != null && common.size() == 1) {
      return byName.get(common.iterator().next());
    }
    diagnostics.report(
        Message.EVENT_BASE,
        aggregate,
        aggregate.getSimpleName(),
        common == null || common.isEmpty()
            ? "its event records do not all implement one sealed interface"
            : "its event records implement several sealed interfaces " + common);
    return null;
  }

  private void checkEventTypes(
      TypeElement aggregate, boolean isRecord, TypeElement eventBase, Map<String, EventHandlers.Handler> handlers) {
    for (EventHandlers.Handler handler : handlers.values()) {
      if (!types.isAssignable(handler.event().asType(), types.erasure(eventBase.asType()))) {
        diagnostics.report(
            Message.APPLY_EVENT_TYPE, handler.method().getParameters().get(0), handler.event().getSimpleName(),
            eventBase.getSimpleName(), aggregate.getSimpleName(), eventBase.getSimpleName());
      }
    }
    if (eventBase.getModifiers().contains(Modifier.SEALED)) {
      Set<TypeElement> leaves = new LinkedHashSet<>();
      collectPermitted(eventBase, leaves);
      for (TypeElement leaf : leaves) {
        if (leaf.getKind() != ElementKind.RECORD) {
          if (Annotations.mirror(leaf, Event.class.getCanonicalName()).isEmpty()) {
            diagnostics.report(
                Message.EVENT_NOT_RECORD, leaf, leaf.getSimpleName(), EventValidator.kindName(leaf),
                leaf.getSimpleName());
          }
        } else if (!handlers.containsKey(leaf.getQualifiedName().toString())) {
          diagnostics.report(
              Message.APPLY_MISSING, aggregate, aggregate.getSimpleName(), leaf.getSimpleName(),
              eventBase.getSimpleName(), isRecord ? aggregate.getSimpleName().toString() : "void",
              leaf.getSimpleName());
        }
      }
    }
  }

  /** Permitted subtypes of a sealed type, recursing into sealed sub-interfaces; skips non-sealed interfaces. */
  private void collectPermitted(TypeElement sealed, Set<TypeElement> leaves) {
    for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
      TypeElement element = (TypeElement) types.asElement(permitted);
      if (element.getModifiers().contains(Modifier.SEALED)) {
        collectPermitted(element, leaves);
      } else if (element.getKind() == ElementKind.INTERFACE) {
        continue; // non-sealed: open to any record, nothing to enumerate
      } else {
        leaves.add(element);
      }
    }
  }

  private List<StateFieldModel> recordState(TypeElement type) {
    List<StateFieldModel> fields = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      if (!checkFieldType(component, type, component.asType())) {
        continue;
      }
      fields.add(
          new StateFieldModel(name, typeName(component.asType()), name.equals("id") && isUuid(component.asType())));
    }
    return fields;
  }

  private List<StateFieldModel> mutableState(TypeElement type, PackageElement pkg) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement t = type; t != null; ) {
      if (t.getQualifiedName().contentEquals(AGGREGATE_ROOT)
          || t.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      chain.add(0, t);
      TypeMirror superclass = t.getSuperclass();
      t = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(superclass) : null;
    }
    List<StateFieldModel> fields = new ArrayList<>();
    for (TypeElement declaring : chain) {
      for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.TRANSIENT)) {
          continue;
        }
        boolean ok = true;
        if (modifiers.contains(Modifier.PRIVATE) || !Access.accessibleFrom(field, pkg, context.elements())) {
          diagnostics.report(Message.SNAPSHOT_PRIVATE_FIELD, field, field.getSimpleName(), type.getSimpleName());
          ok = false;
        }
        if (modifiers.contains(Modifier.FINAL)) {
          diagnostics.report(Message.SNAPSHOT_FINAL_FIELD, field, field.getSimpleName(), type.getSimpleName());
          ok = false;
        }
        ok &= checkFieldType(field, type, field.asType());
        if (ok) {
          fields.add(new StateFieldModel(field.getSimpleName().toString(), typeName(field.asType()), false));
        }
      }
    }
    return fields;
  }

  private boolean checkFieldType(Element field, TypeElement aggregate, TypeMirror type) {
    if (!isWritable(type)) {
      diagnostics.report(
          Message.SNAPSHOT_FIELD_TYPE, field, field.getSimpleName(), aggregate.getSimpleName(), type);
      return false;
    }
    return true;
  }

  /**
   * A type the snapshot serializer can write and read back: primitives, arrays, and concrete classes, records
   * and enums, or collections and maps, whose type arguments are such types too. An interface or abstract class
   * (other than a collection or map) cannot be read back without type information, and a type variable has no
   * type at all.
   */
  private boolean isWritable(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> true;
      case ARRAY -> isWritable(((ArrayType) type).getComponentType());
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        yield bound == null || isWritable(bound);
      }
      case DECLARED -> {
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        boolean abstractType =
            element.getKind() == ElementKind.INTERFACE
                || (element.getKind() == ElementKind.CLASS && element.getModifiers().contains(Modifier.ABSTRACT));
        if ((abstractType && !isCollectionOrMap(type)) || element.getQualifiedName().contentEquals("java.lang.Object")) {
          yield false;
        }
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (!isWritable(argument)) {
            yield false;
          }
        }
        yield true;
      }
      default -> false;
    };
  }

  private boolean isCollectionOrMap(TypeMirror type) {
    for (String container : List.of("java.util.Collection", "java.util.Map")) {
      TypeElement element = context.elements().getTypeElement(container);
      if (types.isAssignable(types.erasure(type), types.erasure(element.asType()))) {
        return true;
      }
    }
    return false;
  }

  private static TypeName typeName(TypeMirror type) {
    return TypeName.get(type).withoutAnnotations();
  }

  private SnapshotModel snapshotModel(
      String name, EventSourced settings, List<StateFieldModel> fields, Iterable<EventHandlers.Handler> handlers) {
    TreeSet<String> lines = new TreeSet<>();
    for (StateFieldModel field : fields) {
      lines.add("field " + field.name() + ": " + field.type());
    }
    for (EventHandlers.Handler handler : handlers) {
      lines.add(
          "apply " + handler.event().getQualifiedName() + " as " + EventCatalog.nameOf(handler.event()) + "@"
              + EventCatalog.revisionOf(handler.event()));
    }
    String source = "aggregate " + name + "\nsnapshotVersion " + settings.snapshotVersion() + "\n" + STATE_FORMAT
        + "\n" + String.join("\n", lines);
    return new SnapshotModel(Math.max(0, settings.snapshotEvery()), Math.max(0, settings.snapshotAfterReplaying()),
        fields, Fingerprints.sha256(source), source);
  }

  private void checkNameCollisions(TypeElement type, ClassName aggregate, boolean snapshots) {
    for (ClassName generated : GeneratedNames.all(aggregate, snapshots)) {
      collisions.check(type, generated);
    }
  }
}
