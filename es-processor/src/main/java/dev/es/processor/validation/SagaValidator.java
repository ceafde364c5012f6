package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.processor.GeneratedNames;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.AggregateStyle;
import dev.es.processor.model.DeadlineHandlerModel;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.model.SagaHandlerModel;
import dev.es.processor.model.SagaModel;
import dev.es.processor.util.Access;
import dev.es.processor.util.Annotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates one {@code @Saga} class and builds its {@link SagaModel}. Reports every problem it finds and returns
 * empty when any was reported.
 */
public final class SagaValidator extends HandlerTypeValidator {

  /** The runtime type of a handler's optional last parameter. */
  public static final String SAGA_CONTEXT = "dev.es.runtime.saga.SagaContext";
  /** The runtime type of a deadline handler's optional first parameter. */
  public static final String SAGA_DEADLINE = "dev.es.runtime.saga.SagaDeadline";

  private static final String SAGA = Saga.class.getCanonicalName();
  private static final String EVENT_HANDLER = SagaEventHandler.class.getCanonicalName();
  private static final String START = StartSaga.class.getCanonicalName();
  private static final String END = EndSaga.class.getCanonicalName();
  private static final String DEADLINE = DeadlineHandler.class.getCanonicalName();

  public SagaValidator(ProcessorContext context, NameCollisions collisions) {
    super(context, collisions);
  }

  /** An event handler that passed its own checks (possibly with reported problems, to recognise duplicates). */
  private record Handler(
      ExecutableElement method, TypeElement event, List<EventTypeModel> revisions, String property, String key,
      boolean starts, boolean ends, boolean withContext) {}

  /** A deadline handler that passed its own checks. */
  private record Deadline(
      ExecutableElement method, String name, boolean withDeadline, boolean withContext, boolean ends) {}

  public Optional<SagaModel> validate(TypeElement type, EventCatalog catalog) {
    int errorsBefore = diagnostics.errorCount();
    ClassName saga = ClassName.get(type);
    if (!checkKind(type, true, GeneratedNames.sagaType(saga), Message.SAGA_KIND)) {
      return Optional.empty();
    }
    AggregateStyle style = type.getKind() == ElementKind.RECORD ? AggregateStyle.RECORD : AggregateStyle.MUTABLE;
    AnnotationMirror annotation = Annotations.mirror(type, SAGA).orElseThrow();
    String name = type.getAnnotation(Saga.class).name();
    checkName(type, annotation, name, Message.SAGA_NAME);
    checkConstructor(type, saga, style);
    PackageElement pkg = context.elements().getPackageOf(type);

    Map<String, Handler> handlers = new LinkedHashMap<>();
    Map<String, Deadline> deadlines = new LinkedHashMap<>();
    boolean anyStart = false;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      boolean isHandler = Annotations.mirror(method, EVENT_HANDLER).isPresent();
      boolean isDeadline = Annotations.mirror(method, DEADLINE).isPresent();
      boolean starts = Annotations.mirror(method, START).isPresent();
      boolean ends = Annotations.mirror(method, END).isPresent();
      String describe = EventValidator.describe(method);
      if (starts && !isHandler) {
        diagnostics.report(
            Message.SAGA_MARKER, method, "StartSaga", describe,
            isDeadline ? "is a @DeadlineHandler, but only an event can start a saga" : "is not a @SagaEventHandler");
      }
      if (ends && !isHandler && !isDeadline) {
        diagnostics.report(
            Message.SAGA_MARKER, method, "EndSaga", describe, "is neither a @SagaEventHandler nor a @DeadlineHandler");
      }
      if (isHandler && isDeadline) {
        diagnostics.report(
            Message.DEADLINE_SIGNATURE, method, describe,
            "is also a @SagaEventHandler; a method handles either an event or a deadline", returnHint(type, style));
        continue;
      }
      if (isHandler) {
        anyStart |= starts;
        Optional<Handler> handler = checkHandler(type, method, style, catalog, pkg, starts, ends);
        if (handler.isPresent()) {
          String key = handler.get().event().getQualifiedName().toString();
          Handler first = handlers.putIfAbsent(key, handler.get());
          if (first != null) {
            diagnostics.report(
                Message.SAGA_HANDLER_DUPLICATE, method, type.getSimpleName(), handler.get().event().getSimpleName(),
                EventValidator.describe(first.method()));
          }
        }
      }
      if (isDeadline) {
        Optional<Deadline> deadline = checkDeadline(type, method, style, ends);
        if (deadline.isPresent()) {
          Deadline first = deadlines.putIfAbsent(deadline.get().name(), deadline.get());
          if (first != null) {
            diagnostics.report(
                Message.DEADLINE_DUPLICATE, method, EventValidator.describe(first.method()), deadline.get().name(),
                type.getSimpleName());
          }
        }
      }
    }
    if (!anyStart) {
      diagnostics.report(Message.SAGA_START, type, type.getSimpleName());
    }

    checkNameCollision(type, GeneratedNames.sagaType(saga));

    if (diagnostics.errorCount() > errorsBefore || unresolved) {
      return Optional.empty();
    }
    List<SagaHandlerModel> handlerModels = new ArrayList<>();
    for (Handler h : handlers.values()) {
      handlerModels.add(
          new SagaHandlerModel(
              h.method().getSimpleName().toString(), ClassName.get(h.event()), h.revisions(), h.property(), h.key(),
              h.starts(), h.ends(), h.withContext(), TypeChecks.throwsChecked(context, h.method())));
    }
    List<DeadlineHandlerModel> deadlineModels = new ArrayList<>();
    for (Deadline d : deadlines.values()) {
      deadlineModels.add(
          new DeadlineHandlerModel(
              d.name(), d.method().getSimpleName().toString(), d.withDeadline(), d.withContext(), d.ends(),
              TypeChecks.throwsChecked(context, d.method())));
    }
    return Optional.of(new SagaModel(type, saga, name, style, handlerModels, deadlineModels));
  }

  private void checkConstructor(TypeElement type, ClassName saga, AggregateStyle style) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE) && constructor.getParameters().isEmpty()) {
        return;
      }
    }
    diagnostics.report(
        Message.SAGA_CONSTRUCTOR, type, type.getSimpleName(), GeneratedNames.sagaType(saga).simpleName(),
        type.getSimpleName(), style == AggregateStyle.RECORD ? "this(...initial state...);" : "");
  }

  /** What a handler returns, for fix hints: the saga type (record) or {@code void} (mutable). */
  private static String returnHint(TypeElement type, AggregateStyle style) {
    return style == AggregateStyle.RECORD ? type.getSimpleName().toString() : "void";
  }

  private void checkReturn(TypeElement type, ExecutableElement method, AggregateStyle style) {
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() == TypeKind.ERROR) {
      unresolved = true;
      return;
    }
    if (style == AggregateStyle.RECORD && !types.isSameType(returnType, type.asType())) {
      diagnostics.report(
          Message.SAGA_HANDLER_RETURN, method, EventValidator.describe(method), "record", type.getSimpleName(),
          returnType, "return the next state, of type " + type.getSimpleName() + ", e.g. 'return new "
              + type.getSimpleName() + "(...);'");
    } else if (style == AggregateStyle.MUTABLE && returnType.getKind() != TypeKind.VOID) {
      diagnostics.report(
          Message.SAGA_HANDLER_RETURN, method, EventValidator.describe(method), "mutable", type.getSimpleName(),
          returnType, "return void and change the saga's fields (or make the saga a record whose handlers return"
              + " the next state)");
    }
  }

  private Optional<Handler> checkHandler(
      TypeElement saga, ExecutableElement method, AggregateStyle style, EventCatalog catalog, PackageElement pkg,
      boolean starts, boolean ends) {
    String describe = EventValidator.describe(method);
    String ret = returnHint(saga, style);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.SAGA_HANDLER_MODIFIERS, method, describe, "static");
    } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(Message.SAGA_HANDLER_MODIFIERS, method, describe, "private");
    }
    checkReturn(saga, method, style);
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty() || parameters.size() > 2) {
      diagnostics.report(Message.SAGA_HANDLER_ARITY, method, describe, parameters.size(), ret, ret);
      return Optional.empty();
    }
    boolean withContext = parameters.size() == 2;
    if (withContext) {
      VariableElement second = parameters.get(1);
      TypeMirror secondType = second.asType();
      if (secondType.getKind() == TypeKind.ERROR) {
        unresolved = true;
      } else if (!is(secondType, SAGA_CONTEXT)) {
        diagnostics.report(
            Message.SAGA_HANDLER_PARAM, second, second.getSimpleName(), secondType,
            "the second parameter of a saga handler must be " + SAGA_CONTEXT, ret, ret);
      }
    }
    VariableElement parameter = parameters.get(0);
    TypeMirror parameterType = parameter.asType();
    if (parameterType.getKind() == TypeKind.ERROR) {
      unresolved = true; // javac reports the unknown type itself
      return Optional.empty();
    }
    Optional<TypeElement> record =
        is(parameterType, SAGA_CONTEXT) ? Optional.empty() : EventValidator.recordOf(parameterType);
    if (record.isEmpty()) {
      diagnostics.report(
          Message.SAGA_HANDLER_PARAM, parameter, parameter.getSimpleName(), parameterType,
          is(parameterType, SAGA_CONTEXT)
              ? "the event record comes first and the SagaContext second"
              : "events are records; write one @SagaEventHandler method per event record",
          ret, ret);
      return Optional.empty();
    }
    TypeElement event = record.get();
    if (!Access.accessibleFrom(event, pkg, context.elements())) {
      diagnostics.report(
          Message.EVENT_ACCESS, parameter, event.getQualifiedName(), pkg.getQualifiedName(), saga.getSimpleName());
    }
    String name = EventCatalog.nameOf(event);
    int revision = EventCatalog.revisionOf(event);
    Optional<EventCatalog.Entry> newest = catalog.newest(name);
    if (newest.isPresent() && newest.get().revision() > revision && !catalog.isBroken(name)) {
      diagnostics.report(
          Message.SAGA_HANDLER_OLD_REVISION, parameter, event.getSimpleName(), revision, name,
          newest.get().revision(), newest.get().record().getSimpleName());
    }
    SagaEventHandler settings = method.getAnnotation(SagaEventHandler.class);
    String property = settings.associationProperty();
    checkAssociation(method, event, property);
    String key = settings.keyName().isEmpty() ? property : settings.keyName();
    if (!settings.keyName().isEmpty() && settings.keyName().isBlank()) {
      AnnotationMirror mirror = Annotations.mirror(method, EVENT_HANDLER).orElseThrow();
      diagnostics.report(
          Message.SAGA_ASSOCIATION, method, mirror, Annotations.explicitValue(mirror, "keyName").orElse(null),
          property, describe, "has a blank keyName", "Leave keyName out to use the property's name as key.");
    }
    List<EventTypeModel> revisions =
        EventRevisions.chain(context, catalog, event, pkg, parameter, saga.getSimpleName());
    // returned even after a reported problem, so a duplicate is still recognised; any error stops generation
    return Optional.of(new Handler(method, event, revisions, property, key, starts, ends, withContext));
  }

  /** The association property must name a component of the event record: the generated code calls its accessor. */
  private void checkAssociation(ExecutableElement method, TypeElement event, String property) {
    List<String> components = new ArrayList<>();
    for (RecordComponentElement component : event.getRecordComponents()) {
      components.add(component.getSimpleName().toString());
    }
    if (components.contains(property)) {
      return;
    }
    String problem;
    String fix;
    if (property.isBlank()) {
      problem = "is blank";
    } else {
      problem = "is not a component of record " + event.getSimpleName();
    }
    if (components.isEmpty()) {
      fix = event.getSimpleName() + " has no components: add the property to the record, or associate the saga"
          + " through another event.";
    } else {
      fix = "Its components are: " + String.join(", ", components) + ".";
      for (String component : components) {
        if (component.equalsIgnoreCase(property.strip())) {
          fix += " Did you mean \"" + component + "\"?";
          break;
        }
      }
    }
    AnnotationMirror mirror = Annotations.mirror(method, EVENT_HANDLER).orElseThrow();
    AnnotationValue value = Annotations.explicitValue(mirror, "associationProperty").orElse(null);
    diagnostics.report(
        Message.SAGA_ASSOCIATION, method, mirror, value, property, EventValidator.describe(method), problem, fix);
  }

  private Optional<Deadline> checkDeadline(
      TypeElement saga, ExecutableElement method, AggregateStyle style, boolean ends) {
    String describe = EventValidator.describe(method);
    String ret = returnHint(saga, style);
    String name = method.getAnnotation(DeadlineHandler.class).value();
    if (name.isBlank()) {
      AnnotationMirror mirror = Annotations.mirror(method, DEADLINE).orElseThrow();
      diagnostics.report(
          Message.DEADLINE_SIGNATURE, method, mirror, Annotations.explicitValue(mirror, "value").orElse(null),
          describe, "has a blank deadline name; use the name given to context.schedule(name, ...)", ret);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.DEADLINE_SIGNATURE, method, describe, "must not be static", ret);
    } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(Message.DEADLINE_SIGNATURE, method, describe, "must not be private", ret);
    }
    checkReturn(saga, method, style);
    List<? extends VariableElement> parameters = method.getParameters();
    boolean withDeadline = false;
    boolean withContext = false;
    if (parameters.size() > 2) {
      diagnostics.report(
          Message.DEADLINE_SIGNATURE, method, describe, "takes " + parameters.size() + " parameters", ret);
    } else {
      for (int i = 0; i < parameters.size(); i++) {
        VariableElement parameter = parameters.get(i);
        TypeMirror parameterType = parameter.asType();
        if (parameterType.getKind() == TypeKind.ERROR) {
          unresolved = true;
        } else if (i == 0 && is(parameterType, SAGA_DEADLINE)) {
          withDeadline = true;
        } else if (i == parameters.size() - 1 && is(parameterType, SAGA_CONTEXT)) {
          withContext = true;
        } else {
          diagnostics.report(
              Message.DEADLINE_SIGNATURE, parameter, describe,
              "has parameter '" + parameter.getSimpleName() + "' of type " + parameterType
                  + " where only a SagaDeadline (first) or a SagaContext (last) may be",
              ret);
        }
      }
    }
    // returned even after a reported problem (but with a name), so a duplicate name is still recognised
    return name.isBlank() ? Optional.empty() : Optional.of(new Deadline(method, name, withDeadline, withContext, ends));
  }

  private static boolean is(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
