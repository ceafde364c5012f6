package dev.es.processor.validation;

import dev.es.annotations.Event;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.util.Access;
import dev.es.processor.util.Annotations;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The event-handler methods of one type, checked by one routine for {@code @Apply}, {@code @Handle} and
 * {@code @SagaEventHandler}: an instance method, taking the event record and, where the {@link Kind} allows, one
 * more parameter; an event record the generated code can reach, of the newest revision; one handler per record.
 * What differs between the three is data in {@link Kind}, except the shape of {@code @Apply}'s parameter
 * messages. Return types are checked by each validator, as their rules share nothing (the next state or
 * {@code void}; {@code void} or a {@code CompletionStage}).
 */
final class EventHandlers {

  /** What differs between the handler annotations. */
  enum Kind {
    APPLY(
        "@Apply", Message.APPLY_MODIFIERS, Message.APPLY_ARITY, Message.APPLY_PARAM, Message.APPLY_OLD_REVISION,
        Message.APPLY_DUPLICATE, Optional.empty(), Optional.of(Message.APPLY_THROWS), true),
    HANDLE(
        "@Handle", Message.HANDLE_MODIFIERS, Message.HANDLE_ARITY, Message.HANDLE_PARAM, Message.HANDLE_OLD_REVISION,
        Message.HANDLE_DUPLICATE, Optional.of(new Second(ProjectorValidator.FEED_EVENT, "a handler")),
        Optional.empty(), false),
    SAGA_EVENT_HANDLER(
        "@SagaEventHandler", Message.SAGA_HANDLER_MODIFIERS, Message.SAGA_HANDLER_ARITY, Message.SAGA_HANDLER_PARAM,
        Message.SAGA_HANDLER_OLD_REVISION, Message.SAGA_HANDLER_DUPLICATE,
        Optional.of(new Second(SagaValidator.SAGA_CONTEXT, "a saga handler")), Optional.empty(), true);

    /**
     * The optional second parameter.
     *
     * @param type its qualified type name
     * @param handler what the handler is called in the message on a wrong second parameter
     */
    record Second(String type, String handler) {
      String simpleName() {
        return type.substring(type.lastIndexOf('.') + 1);
      }
    }

    private final String annotation;
    private final Message modifiers;
    private final Message arity;
    private final Message parameter;
    private final Message oldRevision;
    private final Message duplicate;
    private final Optional<Second> second;
    /** The message on a checked exception, for a kind whose handlers must not declare one. */
    private final Optional<Message> checkedException;
    /** Whether handlers register their event's older revisions (the generated type upcasts them). */
    private final boolean revisions;

    Kind(
        String annotation, Message modifiers, Message arity, Message parameter, Message oldRevision,
        Message duplicate, Optional<Second> second, Optional<Message> checkedException, boolean revisions) {
      this.annotation = annotation;
      this.modifiers = modifiers;
      this.arity = arity;
      this.parameter = parameter;
      this.oldRevision = oldRevision;
      this.duplicate = duplicate;
      this.second = second;
      this.checkedException = checkedException;
      this.revisions = revisions;
    }
  }

  /**
   * A handler whose event record is known; it may still have reported problems, which keep the type from being
   * generated, but it counts as handling its record (no cascade of missing or duplicate handlers).
   *
   * @param revisions the record's revision chain, oldest first (empty for {@link Kind#HANDLE}: projections get
   *     events upcast already)
   * @param withSecond whether it takes the kind's second parameter
   */
  record Handler(ExecutableElement method, TypeElement event, List<EventTypeModel> revisions, boolean withSecond) {}

  private final ProcessorContext context;
  private final Diagnostics diagnostics;
  private final Kind kind;
  private final TypeElement owner;
  private final PackageElement pkg;
  private final EventCatalog catalog;
  /** Appended to the arity and parameter messages of kinds whose fix names the return type, e.g. the saga type. */
  private final Object[] returnHint;
  private final Map<String, Handler> byEvent = new LinkedHashMap<>();

  /**
   * @param returnHint what a handler of {@code owner} returns, for the fix in messages that show a whole signature
   *     (used by {@link Kind#SAGA_EVENT_HANDLER}; the other kinds' messages show none)
   */
  EventHandlers(ProcessorContext context, Kind kind, TypeElement owner, EventCatalog catalog, String returnHint) {
    this.context = context;
    this.diagnostics = context.diagnostics();
    this.kind = kind;
    this.owner = owner;
    this.pkg = context.elements().getPackageOf(owner);
    this.catalog = catalog;
    this.returnHint = new Object[] {returnHint, returnHint};
  }

  /**
   * Checks one handler method and reports its problems, and a second handler for a record already handled.
   *
   * @return the handler, unless its event record cannot be told
   */
  Optional<Handler> check(ExecutableElement method) {
    String describe = EventValidator.describe(method);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(kind.modifiers, method, describe, "static");
    } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(kind.modifiers, method, describe, "private");
    }
    if (kind.checkedException.isPresent()) {
      for (TypeMirror thrown : method.getThrownTypes()) {
        if (TypeChecks.isChecked(context, thrown)) {
          diagnostics.report(kind.checkedException.get(), method, describe, thrown);
        }
      }
    }
    List<? extends VariableElement> parameters = method.getParameters();
    int most = kind.second.isPresent() ? 2 : 1;
    if (parameters.isEmpty() || parameters.size() > most) {
      diagnostics.report(kind.arity, method, withHint(describe, parameters.size()));
      return Optional.empty();
    }
    boolean withSecond = parameters.size() == 2;
    if (withSecond && !is(parameters.get(1).asType(), kind.second.get().type())) {
      reportParameter(
          parameters.get(1), "the second parameter of " + kind.second.get().handler() + " must be "
              + kind.second.get().type());
    }
    VariableElement parameter = parameters.get(0);
    Optional<TypeElement> record = eventRecord(parameter);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    TypeElement event = record.get();
    if (!Access.accessibleFrom(event, pkg, context.elements())) {
      diagnostics.report(
          Message.EVENT_ACCESS, parameter, event.getQualifiedName(), pkg.getQualifiedName(), owner.getSimpleName());
    }
    String name = EventCatalog.nameOf(event);
    int revision = EventCatalog.revisionOf(event);
    Optional<EventCatalog.Entry> newest = catalog.newest(name);
    if (newest.isPresent() && newest.get().revision() > revision && !catalog.isBroken(name)) {
      diagnostics.report(
          kind.oldRevision, parameter, event.getSimpleName(), revision, name, newest.get().revision(),
          newest.get().record().getSimpleName());
    }
    List<EventTypeModel> revisions =
        kind.revisions ? EventRevisions.chain(context, catalog, event, pkg, parameter, owner.getSimpleName()) : List.of();
    Handler handler = new Handler(method, event, revisions, withSecond);
    Handler first = byEvent.putIfAbsent(event.getQualifiedName().toString(), handler);
    if (first != null) {
      diagnostics.report(
          kind.duplicate, method, owner.getSimpleName(), event.getSimpleName(), EventValidator.describe(first.method()));
    }
    return Optional.of(handler);
  }

  /** The first handler of each event record, in declaration order. */
  Collection<Handler> handlers() {
    return byEvent.values();
  }

  /** The record the first parameter takes, or empty after reporting that it takes none. */
  private Optional<TypeElement> eventRecord(VariableElement parameter) {
    TypeMirror type = parameter.asType();
    boolean secondFirst = kind.second.isPresent() && is(type, kind.second.get().type());
    Optional<TypeElement> record = secondFirst ? Optional.empty() : EventValidator.recordOf(type);
    if (record.isPresent()) {
      return record;
    }
    if (kind == Kind.APPLY) {
      if (isClass(type)) {
        TypeElement event = (TypeElement) ((DeclaredType) type).asElement();
        if (Annotations.mirror(event, Event.class.getCanonicalName()).isEmpty()) {
          diagnostics.report(Message.EVENT_NOT_RECORD, parameter, event.getSimpleName(), "class", event.getSimpleName());
        }
      } else {
        String simple = type.getKind() == TypeKind.DECLARED
            ? ((DeclaredType) type).asElement().getSimpleName().toString()
            : "SomeEvent";
        diagnostics.report(kind.parameter, parameter, type, simple);
      }
    } else {
      reportParameter(
          parameter, secondFirst
              ? "the event record comes first and the " + kind.second.get().simpleName() + " second"
              : "events are records; write one " + kind.annotation + " method per event record");
    }
    return Optional.empty();
  }

  private void reportParameter(VariableElement parameter, String problem) {
    diagnostics.report(kind.parameter, parameter, withHint(parameter.getSimpleName(), parameter.asType(), problem));
  }

  private Object[] withHint(Object... args) {
    return Stream.concat(Stream.of(args), Stream.of(returnHint)).toArray();
  }

  private static boolean isClass(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement().getKind() == ElementKind.CLASS;
  }

  static boolean is(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
