package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.processor.GeneratedNames;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.ProjectorHandlerModel;
import dev.es.processor.model.ProjectorModel;
import dev.es.processor.util.Access;
import dev.es.processor.util.Annotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates one {@code @Projector} class and builds its {@link ProjectorModel}. Reports every problem it finds
 * and returns empty when any was reported.
 */
public final class ProjectorValidator extends HandlerTypeValidator {

  /** The runtime type a handler's optional second parameter must have. */
  public static final String FEED_EVENT = "dev.es.runtime.feed.FeedEvent";

  /** What a handler that does its I/O without blocking returns (any subtype, e.g. {@code CompletableFuture}). */
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  private static final String PROJECTOR = Projector.class.getCanonicalName();
  private static final String HANDLE = Handle.class.getCanonicalName();
  private static final String RESET = Reset.class.getCanonicalName();

  public ProjectorValidator(ProcessorContext context, NameCollisions collisions) {
    super(context, collisions);
  }

  /** A handler that passed its own checks. */
  private record Handler(ExecutableElement method, TypeElement event, boolean withFeedEvent, boolean async) {}

  public Optional<ProjectorModel> validate(TypeElement type, EventCatalog catalog) {
    int errorsBefore = diagnostics.errorCount();
    ClassName projector = ClassName.get(type);
    if (!checkKind(type, false, GeneratedNames.projection(projector), Message.PROJECTOR_KIND)) {
      return Optional.empty();
    }
    AnnotationMirror annotation = Annotations.mirror(type, PROJECTOR).orElseThrow();
    String name = type.getAnnotation(Projector.class).name();
    checkName(type, annotation, name, Message.PROJECTOR_NAME);
    PackageElement pkg = context.elements().getPackageOf(type);

    Map<String, Handler> handlers = new LinkedHashMap<>();
    Optional<ExecutableElement> reset = Optional.empty();
    int handleMethods = 0;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.mirror(method, HANDLE).isPresent()) {
        handleMethods++;
        Optional<Handler> handler = checkHandler(type, method, catalog, pkg);
        if (handler.isPresent()) {
          String key = handler.get().event().getQualifiedName().toString();
          Handler first = handlers.putIfAbsent(key, handler.get());
          if (first != null) {
            diagnostics.report(
                Message.HANDLE_DUPLICATE, method, type.getSimpleName(), handler.get().event().getSimpleName(),
                EventValidator.describe(first.method()));
          }
        }
      }
      if (Annotations.mirror(method, RESET).isPresent()) {
        if (reset.isPresent()) {
          diagnostics.report(Message.RESET_SIGNATURE, method, EventValidator.describe(method),
              "is a second one; " + EventValidator.describe(reset.get()) + " already resets " + type.getSimpleName());
        } else if (checkReset(method)) {
          reset = Optional.of(method);
        }
      }
    }
    if (handleMethods == 0) {
      diagnostics.report(Message.PROJECTOR_NONE, type, type.getSimpleName());
    }

    checkNameCollision(type, GeneratedNames.projection(projector));

    if (diagnostics.errorCount() > errorsBefore || unresolved) {
      return Optional.empty();
    }
    List<ProjectorHandlerModel> models = new ArrayList<>();
    for (Handler h : handlers.values()) {
      models.add(
          new ProjectorHandlerModel(
              h.method().getSimpleName().toString(), ClassName.get(h.event()), EventCatalog.nameOf(h.event()),
              h.withFeedEvent(), TypeChecks.throwsChecked(context, h.method()), h.async()));
    }
    return Optional.of(
        new ProjectorModel(
            type, projector, name, models, reset.map(m -> m.getSimpleName().toString()),
            reset.map(m -> TypeChecks.throwsChecked(context, m)).orElse(false)));
  }

  private Optional<Handler> checkHandler(
      TypeElement projector, ExecutableElement method, EventCatalog catalog, PackageElement pkg) {
    String describe = EventValidator.describe(method);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.HANDLE_MODIFIERS, method, describe, "static");
    } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(Message.HANDLE_MODIFIERS, method, describe, "private");
    }
    boolean async = checkReturn(method);
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty() || parameters.size() > 2) {
      diagnostics.report(Message.HANDLE_ARITY, method, describe, parameters.size());
      return Optional.empty();
    }
    boolean withFeedEvent = parameters.size() == 2;
    if (withFeedEvent) {
      VariableElement second = parameters.get(1);
      TypeMirror secondType = second.asType();
      if (secondType.getKind() == TypeKind.ERROR) {
        unresolved = true;
      } else if (!isFeedEvent(secondType)) {
        diagnostics.report(
            Message.HANDLE_PARAM, second, second.getSimpleName(), secondType,
            "the second parameter of a handler must be " + FEED_EVENT);
      }
    }
    VariableElement parameter = parameters.get(0);
    TypeMirror parameterType = parameter.asType();
    if (parameterType.getKind() == TypeKind.ERROR) {
      unresolved = true; // javac reports the unknown type itself
      return Optional.empty();
    }
    Optional<TypeElement> record =
        isFeedEvent(parameterType) ? Optional.empty() : EventValidator.recordOf(parameterType);
    if (record.isEmpty()) {
      diagnostics.report(
          Message.HANDLE_PARAM, parameter, parameter.getSimpleName(), parameterType,
          isFeedEvent(parameterType)
              ? "the event record comes first and the FeedEvent second"
              : "events are records; write one @Handle method per event record");
      return Optional.empty();
    }
    TypeElement event = record.get();
    if (!Access.accessibleFrom(event, pkg, context.elements())) {
      diagnostics.report(
          Message.EVENT_ACCESS, parameter, event.getQualifiedName(), pkg.getQualifiedName(),
          projector.getSimpleName());
    }
    String name = EventCatalog.nameOf(event);
    int revision = EventCatalog.revisionOf(event);
    Optional<EventCatalog.Entry> newest = catalog.newest(name);
    if (newest.isPresent() && newest.get().revision() > revision && !catalog.isBroken(name)) {
      diagnostics.report(
          Message.HANDLE_OLD_REVISION, parameter, event.getSimpleName(), revision, name, newest.get().revision(),
          newest.get().record().getSimpleName());
    }
    // returned even after a reported problem, so a duplicate is still recognised; any error stops generation
    return Optional.of(new Handler(method, event, withFeedEvent, async));
  }

  /**
   * Reports {@link Message#HANDLE_RETURN} unless the handler returns {@code void} or a {@code CompletionStage}.
   *
   * @return whether it returns a {@code CompletionStage}
   */
  private boolean checkReturn(ExecutableElement method) {
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return false;
    }
    if (returned.getKind() == TypeKind.ERROR) {
      unresolved = true; // javac reports the unknown type itself
      return false;
    }
    TypeMirror stage = types.erasure(context.elements().getTypeElement(COMPLETION_STAGE).asType());
    if (types.isAssignable(types.erasure(returned), stage)) {
      return true;
    }
    diagnostics.report(Message.HANDLE_RETURN, method, EventValidator.describe(method), returned);
    return false;
  }

  private boolean checkReset(ExecutableElement method) {
    String describe = EventValidator.describe(method);
    String problem = null;
    if (method.getModifiers().contains(Modifier.STATIC)) {
      problem = "must not be static";
    } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
      problem = "must not be private";
    } else if (!method.getParameters().isEmpty()) {
      problem = "must not take parameters";
    }
    if (problem != null) {
      diagnostics.report(Message.RESET_SIGNATURE, method, describe, problem);
      return false;
    }
    return true;
  }

  private boolean isFeedEvent(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(FEED_EVENT);
  }
}
