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
import dev.es.processor.model.DeadlineHandlerModel;
import dev.es.processor.model.SagaHandlerModel;
import dev.es.processor.model.SagaModel;
import dev.es.processor.model.StateStyle;
import dev.es.processor.util.Annotations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
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

  /** How an event handler associates its event with saga instances, and whether it starts or ends one. */
  private record Association(String property, String key, boolean starts, boolean ends) {}

  /** A deadline handler that passed its own checks. */
  private record Deadline(
      ExecutableElement method, String name, boolean withDeadline, boolean withContext, boolean ends) {}

  public Optional<SagaModel> validate(TypeElement type, EventCatalog catalog) {
    int errorsBefore = diagnostics.errorCount();
    ClassName saga = ClassName.get(type);
    if (!checkKind(type, true, GeneratedNames.sagaType(saga), Message.SAGA_KIND)) {
      return Optional.empty();
    }
    StateStyle style = type.getKind() == ElementKind.RECORD ? StateStyle.RECORD : StateStyle.MUTABLE;
    AnnotationMirror annotation = Annotations.mirror(type, SAGA).orElseThrow();
    String name = type.getAnnotation(Saga.class).name();
    checkName(type, annotation, name, Message.SAGA_NAME);
    checkConstructor(type, saga, style);
    EventHandlers handlers =
        new EventHandlers(context, EventHandlers.Kind.SAGA_EVENT_HANDLER, type, catalog, returnHint(type, style));
    Map<ExecutableElement, Association> associations = new HashMap<>();
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
        checkReturn(type, method, style);
        Optional<EventHandlers.Handler> handler = handlers.check(method);
        if (handler.isPresent()) {
          associations.put(method, checkAssociation(method, handler.get().event(), starts, ends));
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

    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    List<SagaHandlerModel> handlerModels = new ArrayList<>();
    for (EventHandlers.Handler h : handlers.handlers()) {
      Association a = associations.get(h.method());
      handlerModels.add(
          new SagaHandlerModel(
              h.method().getSimpleName().toString(), ClassName.get(h.event()), h.revisions(), a.property(), a.key(),
              a.starts(), a.ends(), h.withSecond(), TypeChecks.throwsChecked(context, h.method())));
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

  private void checkConstructor(TypeElement type, ClassName saga, StateStyle style) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE) && constructor.getParameters().isEmpty()) {
        return;
      }
    }
    diagnostics.report(
        Message.SAGA_CONSTRUCTOR, type, type.getSimpleName(), GeneratedNames.sagaType(saga).simpleName(),
        type.getSimpleName(), style == StateStyle.RECORD ? "this(...initial state...);" : "");
  }

  /** What a handler returns, for fix hints: the saga type (record) or {@code void} (mutable). */
  private static String returnHint(TypeElement type, StateStyle style) {
    return style == StateStyle.RECORD ? type.getSimpleName().toString() : "void";
  }

  private void checkReturn(TypeElement type, ExecutableElement method, StateStyle style) {
    TypeMirror returnType = method.getReturnType();
    if (style == StateStyle.RECORD && !types.isSameType(returnType, type.asType())) {
      diagnostics.report(
          Message.SAGA_HANDLER_RETURN, method, EventValidator.describe(method), "record", type.getSimpleName(),
          returnType, "return the next state, of type " + type.getSimpleName() + ", e.g. 'return new "
              + type.getSimpleName() + "(...);'");
    } else if (style == StateStyle.MUTABLE && returnType.getKind() != TypeKind.VOID) {
      diagnostics.report(
          Message.SAGA_HANDLER_RETURN, method, EventValidator.describe(method), "mutable", type.getSimpleName(),
          returnType, "return void and change the saga's fields (or make the saga a record whose handlers return"
              + " the next state)");
    }
  }

  /**
   * The association of an event handler. Its property must name a component of the event record (the generated
   * code calls its accessor); its key name, if given, must not be blank.
   */
  private Association checkAssociation(ExecutableElement method, TypeElement event, boolean starts, boolean ends) {
    SagaEventHandler settings = method.getAnnotation(SagaEventHandler.class);
    String property = settings.associationProperty();
    checkProperty(method, event, property);
    String key = settings.keyName().isEmpty() ? property : settings.keyName();
    if (!settings.keyName().isEmpty() && settings.keyName().isBlank()) {
      AnnotationMirror mirror = Annotations.mirror(method, EVENT_HANDLER).orElseThrow();
      diagnostics.report(
          Message.SAGA_ASSOCIATION, method, mirror, Annotations.explicitValue(mirror, "keyName").orElse(null),
          property, EventValidator.describe(method), "has a blank keyName",
          "Leave keyName out to use the property's name as key.");
    }
    return new Association(property, key, starts, ends);
  }

  private void checkProperty(ExecutableElement method, TypeElement event, String property) {
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
      TypeElement saga, ExecutableElement method, StateStyle style, boolean ends) {
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
        if (i == 0 && EventHandlers.is(parameterType, SAGA_DEADLINE)) {
          withDeadline = true;
        } else if (i == parameters.size() - 1 && EventHandlers.is(parameterType, SAGA_CONTEXT)) {
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
}
