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
import dev.es.processor.util.Annotations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
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

  public Optional<ProjectorModel> validate(TypeElement type, EventCatalog catalog) {
    int errorsBefore = diagnostics.errorCount();
    ClassName projector = ClassName.get(type);
    if (!checkKind(type, false, GeneratedNames.projection(projector), Message.PROJECTOR_KIND)) {
      return Optional.empty();
    }
    AnnotationMirror annotation = Annotations.mirror(type, PROJECTOR).orElseThrow();
    String name = type.getAnnotation(Projector.class).name();
    checkName(type, annotation, name, Message.PROJECTOR_NAME);
    EventHandlers handlers = new EventHandlers(context, EventHandlers.Kind.HANDLE, type, catalog, "void");
    Set<ExecutableElement> async = new HashSet<>();
    Optional<ExecutableElement> reset = Optional.empty();
    int handleMethods = 0;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.mirror(method, HANDLE).isPresent()) {
        handleMethods++;
        if (checkReturn(method)) {
          async.add(method);
        }
        handlers.check(method);
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

    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    List<ProjectorHandlerModel> models = new ArrayList<>();
    for (EventHandlers.Handler h : handlers.handlers()) {
      models.add(
          new ProjectorHandlerModel(
              h.method().getSimpleName().toString(), ClassName.get(h.event()), EventCatalog.nameOf(h.event()),
              h.withSecond(), TypeChecks.throwsChecked(context, h.method()), async.contains(h.method())));
    }
    return Optional.of(
        new ProjectorModel(
            type, projector, name, models, reset.map(m -> m.getSimpleName().toString()),
            reset.map(m -> TypeChecks.throwsChecked(context, m)).orElse(false)));
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
}
