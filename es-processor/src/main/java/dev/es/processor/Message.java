package dev.es.processor;

import javax.tools.Diagnostic;

/**
 * Every message the processor reports: a stable id in brackets, what is wrong, and how to fix it. One test per
 * constant in the {@code *DiagnosticsTest} classes ({@code MessageCatalogueTest} checks); docs/processor.md lists
 * them all.
 */
public enum Message {
  INTERNAL("ES-INTERNAL", "es-processor failed on %s; this is a bug, please report it: %s"),
  UNRESOLVED(
      "ES-UNRESOLVED",
      "%s was not processed: %s did not resolve by the last round. Fix the type's name or import, or the"
          + " annotation processor that should generate it (see its errors)."),

  AGGREGATE_KIND(
      "ES-AGGREGATE-KIND",
      "@EventSourced %s: %s. Annotate a non-private, non-abstract, non-generic class or record"
          + " (a nested one must be static)."),
  AGGREGATE_BASE(
      "ES-AGGREGATE-BASE",
      "@EventSourced class %s must extend dev.es.runtime.AggregateRoot<E> with E its event type, e.g."
          + " 'class %s extends AggregateRoot<%sEvent>', or be a record whose @Apply methods return the next state."),
  AGGREGATE_NAME(
      "ES-AGGREGATE-NAME",
      "Aggregate type name \"%s\" of %s is already used by %s. Give one of them another name with"
          + " @EventSourced(name = \"...\")."),
  CONSTRUCTOR(
      "ES-CONSTRUCTOR",
      "%s has no non-private constructor taking exactly one java.util.UUID, which the generated code calls to"
          + " create an empty aggregate. Add '%s(UUID id) { %s }'."),
  EVENT_BASE(
      "ES-EVENT-BASE",
      "Cannot determine the event type of %s: %s. Set @EventSourced(events = YourEvent.class) to the sealed"
          + " interface (or common supertype) of the events it applies."),
  SNAPSHOT_EVERY(
      "ES-SNAPSHOT-EVERY",
      "snapshotEvery of %s is %d. Use 0 for no snapshots or a positive number of events between snapshots."),
  SNAPSHOT_AFTER_REPLAYING(
      "ES-SNAPSHOT-AFTER-REPLAYING",
      "snapshotAfterReplaying of %s is %d. Use 0 for no load-time snapshots or a positive number of replayed events"
          + " after which a load writes a snapshot."),
  SNAPSHOT_PRIVATE_FIELD(
      "ES-SNAPSHOT-PRIVATE-FIELD",
      "State field '%s' of snapshotting aggregate %s is not accessible to the generated snapshot serializer."
          + " Make it package-private, or transient if it is not state."),
  SNAPSHOT_FINAL_FIELD(
      "ES-SNAPSHOT-FINAL-FIELD",
      "State field '%s' of snapshotting aggregate %s is final, so a snapshot cannot restore it. Make it"
          + " non-final, or static/transient if it is not state."),
  SNAPSHOT_FIELD_TYPE(
      "ES-SNAPSHOT-FIELD-TYPE",
      "State field '%s' of snapshotting aggregate %s has type %s, which a snapshot cannot be read back into"
          + " (an interface, an abstract class, Object or a type variable). Use a concrete class, record, enum, collection"
          + " or map, or make the field transient if it is not state."),
  NAME_COLLISION(
      "ES-NAME-COLLISION",
      "The processor generates %s for %s, but a type with that name already exists. Rename that type, or"
          + " rename or move %s."),

  APPLY_OUTSIDE(
      "ES-APPLY-OUTSIDE",
      "@Apply method %s is in %s, which is not annotated @EventSourced. Move it into the aggregate or annotate"
          + " the aggregate with @EventSourced."),
  APPLY_MODIFIERS(
      "ES-APPLY-MODIFIERS",
      "@Apply method %s must not be %s: the generated dispatcher calls it on the aggregate instance. Make it a"
          + " non-private instance method, e.g. '@Apply void on(SomeEvent e)'."),
  APPLY_ARITY(
      "ES-APPLY-ARITY",
      "@Apply method %s must take exactly one event parameter, found %d. Declare it as '@Apply void on(SomeEvent"
          + " e)' (or return the next state in a record aggregate)."),
  APPLY_PARAM(
      "ES-APPLY-PARAM",
      "@Apply parameter type %s is not an event record. Events are records, e.g. 'record %s(...) implements"
          + " YourEvent {}'; write one @Apply method per event record."),
  APPLY_EVENT_TYPE(
      "ES-APPLY-EVENT-TYPE",
      "@Apply parameter type %s is not a subtype of %s, the event type of %s. Let the record implement %s."),
  APPLY_DUPLICATE(
      "ES-APPLY-DUPLICATE",
      "%s already has an @Apply method for %s: %s. Keep exactly one handler per event record."),
  APPLY_MISSING(
      "ES-APPLY-MISSING",
      "%s has no @Apply method for %s, a permitted subtype of sealed %s. Add '@Apply %s on(%s e) { ... }'."),
  APPLY_NONE(
      "ES-APPLY-NONE",
      "@EventSourced %s has no @Apply method. Add one '@Apply' method per event the aggregate applies."),
  APPLY_RETURN(
      "ES-APPLY-RETURN",
      "@Apply method %s of record aggregate %s returns %s; it must return the next state, of type %s, e.g."
          + " 'return new %s(...);'."),
  APPLY_VOID(
      "ES-APPLY-VOID",
      "@Apply method %s of mutable aggregate %s returns %s; it must return void and change the aggregate's"
          + " fields."),
  APPLY_THROWS(
      "ES-APPLY-THROWS",
      "@Apply method %s declares checked exception %s. Applying an event must not fail: validate in the command"
          + " method before raising the event, and remove the throws clause."),
  APPLY_OLD_REVISION(
      "ES-APPLY-OLD-REVISION",
      "%s is revision %d of event \"%s\", but revision %d exists (%s). Apply the newest revision; older stored"
          + " events are upcast to it before they reach the aggregate."),
  EVENT_NOT_RECORD(
      "ES-EVENT-NOT-RECORD",
      "Event %s is a %s, not a record. Declare events as records, e.g. 'record %s(...) implements YourEvent {}'."),
  EVENT_REVISION(
      "ES-EVENT-REVISION",
      "Revision of event %s is %d. Revisions start at 1."),
  EVENT_DUPLICATE(
      "ES-EVENT-DUPLICATE",
      "Event %s has type name \"%s\" and revision %d, like %s. Give one of them another name or revision with"
          + " @Event(name = \"...\", revision = ...)."),
  EVENT_ACCESS(
      "ES-EVENT-ACCESS",
      "%s is not accessible from package %s, where the code generated for %s lives. Make it public (and its"
          + " enclosing types public), or move it into that package."),
  UPCAST_SIGNATURE(
      "ES-UPCAST-SIGNATURE",
      "@Upcast method %s %s. Declare it in the old revision's record as a non-private instance method without"
          + " parameters returning the next revision, e.g. '@Upcast UserRegistered next() { ... }'."),
  UPCAST_DUPLICATE(
      "ES-UPCAST-DUPLICATE",
      "%s already has an @Upcast method: %s. An old revision converts to the next one in exactly one method."),
  UPCAST_MISSING(
      "ES-UPCAST-MISSING",
      "%s is revision %d of event \"%s\", but revision %d exists and %s has no @Upcast method. Add '@Upcast %s"
          + " next() { return new %s(...); }' so stored revision %d events can be read."),
  UPCAST_TARGET(
      "ES-UPCAST-TARGET",
      "@Upcast method %s returns %s, but must return the next revision of event \"%s\" (revision %d). %s"),
  UPCAST_GAP(
      "ES-UPCAST-GAP",
      "@Upcast method %s converts revision %d of event \"%s\" to revision %d; revisions must be consecutive. Add"
          + " the missing revision(s) or renumber the records."),

  PERSONAL_DATA_TYPE(
      "ES-PERSONAL-DATA-TYPE",
      "@PersonalData component '%s' of %s has type %s. es stores personal data encrypted as text and reads it as"
          + " \"[forgotten]\" once its subject is forgotten, which only a String can hold: declare '%s' as a String,"
          + " or remove @PersonalData."),
  PERSONAL_DATA_SUBJECT(
      "ES-PERSONAL-DATA-SUBJECT",
      "@PersonalData component '%s' of %s %s. Set subject to the name of the component whose value names the data"
          + " subject. %s"),
  PERSONAL_DATA_SUBJECT_PERSONAL(
      "ES-PERSONAL-DATA-SUBJECT-PERSONAL",
      "@PersonalData component '%s' of %s names subject \"%s\", which is %s. The subject must stay readable to"
          + " name the key the data is encrypted with: set subject to a component that is not personal data. %s"),
  PERSONAL_DATA_SUBJECT_TYPE(
      "ES-PERSONAL-DATA-SUBJECT-TYPE",
      "@PersonalData component '%s' of %s names subject \"%s\", which has type %s. The subject's value names the"
          + " data subject's key: declare '%s' as a String, UUID, int, long, Integer or Long, or set subject to"
          + " another component. %s"),

  PROJECTION_KIND(
      "ES-PROJECTION-KIND",
      "@Projection %s %s. Annotate a non-private, non-generic record whose components are the table's columns,"
          + " e.g. 'record %s(@PartitionKey UUID id, String name) {}'."),
  PROJECTION_TABLE(
      "ES-PROJECTION-TABLE",
      "Table name \"%s\" of %s %s. Use a valid unquoted CQL identifier: a letter, then up to 47 letters, digits"
          + " or underscores, not a CQL keyword, e.g. @Projection(table = \"user_by_email\")."),
  PROJECTION_PARTITION_KEY(
      "ES-PROJECTION-PARTITION-KEY",
      "@Projection %s has no partition key. Annotate the component(s) that select the partition with"
          + " @com.datastax.oss.driver.api.mapper.annotations.PartitionKey, e.g. '@PartitionKey UUID %s'."),
  PROJECTION_KEY_ORDER(
      "ES-PROJECTION-KEY-ORDER",
      "%s component '%s' of %s has %s %d, but %s. Number the %s components 0, 1, 2, ... without duplicates or"
          + " gaps."),
  PROJECTION_KEY_CONFLICT(
      "ES-PROJECTION-KEY-CONFLICT",
      "Component '%s' of %s is annotated both @PartitionKey and @ClusteringColumn. A primary-key column is either"
          + " part of the partition key or a clustering column: keep one of the annotations."),
  PROJECTION_KEY_TYPE(
      "ES-PROJECTION-KEY-TYPE",
      "Key component '%s' of %s has type %s, mapped to CQL %s, which cannot be part of a primary key. Use a"
          + " scalar type (UUID, String, int, long, Instant, LocalDate, an enum, ...) for key columns."),
  PROJECTION_COLUMN_TYPE(
      "ES-PROJECTION-COLUMN-TYPE",
      "Component '%s' of %s has type %s, which has no CQL mapping%s. Use UUID, String, int/Integer, long/Long,"
          + " double/Double, float/Float, short/Short, byte/Byte, boolean/Boolean, Instant, LocalDate, BigDecimal, an"
          + " enum (stored by name), a non-generic record (stored as JSON text), or a List, Set or Map of those."),
  PROJECTION_COLUMN_NAME(
      "ES-PROJECTION-COLUMN-NAME",
      "Column name \"%s\" of component '%s' of %s %s. Rename the component or give the column a valid, unique"
          + " unquoted CQL identifier with @CqlName(\"...\")."),

  PROJECTOR_KIND(
      "ES-PROJECTOR-KIND",
      "@Projector %s %s. Annotate a non-private, non-generic class or record; the generated %s wraps an"
          + " instance of it."),
  PROJECTOR_NAME(
      "ES-PROJECTOR-NAME",
      "Projection name \"%s\" of %s %s. It keys the projection's checkpoints and leases: use letters, digits,"
          + " '_', '-' and '.', starting with a letter or digit, at most 100 characters, e.g."
          + " @Projector(name = \"user-by-email\")."),
  PROJECTOR_DUPLICATE(
      "ES-PROJECTOR-DUPLICATE",
      "Projection name \"%s\" of %s is already used by %s. Projections share one checkpoint per name: give one"
          + " of them another @Projector(name = \"...\")."),
  PROJECTOR_NONE(
      "ES-PROJECTOR-NONE",
      "@Projector %s has no @Handle method. Add one '@Handle void on(SomeEvent e)' per event the projection"
          + " handles."),
  PROJECTOR_OUTSIDE(
      "ES-PROJECTOR-OUTSIDE",
      "@%s method %s is in %s, which is not annotated @Projector. Move it into a projector or annotate %s with"
          + " @Projector(name = \"...\")."),
  HANDLE_MODIFIERS(
      "ES-HANDLE-MODIFIERS",
      "@Handle method %s must not be %s: the generated projection calls it on the projector instance. Make it a"
          + " non-private instance method, e.g. '@Handle void on(SomeEvent e)'."),
  HANDLE_ARITY(
      "ES-HANDLE-ARITY",
      "@Handle method %s takes %d parameters. Declare it as '@Handle void on(SomeEvent e)' or, to see ids,"
          + " version, metadata and feed position, '@Handle void on(SomeEvent e, FeedEvent event)'."),
  HANDLE_PARAM(
      "ES-HANDLE-PARAM",
      "@Handle parameter '%s' has type %s, but %s. Declare it as '@Handle void on(SomeEvent e)' or '@Handle void"
          + " on(SomeEvent e, dev.es.runtime.feed.FeedEvent event)'."),
  HANDLE_RETURN(
      "ES-HANDLE-RETURN",
      "@Handle method %s returns %s. A handler returns void, or a java.util.concurrent.CompletionStage (e.g."
          + " CompletableFuture<Void>) that completes when the read model is updated: '@Handle void on(SomeEvent e)'"
          + " or '@Handle CompletionStage<Void> on(SomeEvent e) { return table.upsertAsync(...); }'."),
  HANDLE_DUPLICATE(
      "ES-HANDLE-DUPLICATE",
      "%s already has a @Handle method for %s: %s. Keep exactly one handler per event record."),
  HANDLE_OLD_REVISION(
      "ES-HANDLE-OLD-REVISION",
      "%s is revision %d of event \"%s\", but revision %d exists (%s), so this handler would never be called."
          + " Handle the newest revision; older stored events are upcast to it before they reach projections."),
  RESET_SIGNATURE(
      "ES-RESET-SIGNATURE",
      "@Reset method %s %s. Declare one non-private instance method without parameters, e.g. '@Reset void"
          + " clear() { table.truncate(); }'."),

  SAGA_KIND(
      "ES-SAGA-KIND",
      "@Saga %s %s. Annotate a non-private, non-abstract, non-generic class or record (a nested one must be"
          + " static): it is the saga's state, created by the generated %s."),
  SAGA_NAME(
      "ES-SAGA-NAME",
      "Saga name \"%s\" of %s %s. It keys the saga's instances, associations, deadlines and checkpoints: use"
          + " letters, digits, '_', '-' and '.', starting with a letter or digit, at most 100 characters, e.g."
          + " @Saga(name = \"order-processing\")."),
  SAGA_DUPLICATE(
      "ES-SAGA-DUPLICATE",
      "Saga name \"%s\" of %s is already used by %s. Sagas share instances and checkpoints per name: give one of"
          + " them another @Saga(name = \"...\")."),
  SAGA_CONSTRUCTOR(
      "ES-SAGA-CONSTRUCTOR",
      "@Saga %s has no non-private constructor without parameters, which the generated %s calls to create the"
          + " state of a new instance. Add '%s() { %s }'."),
  SAGA_START(
      "ES-SAGA-START",
      "@Saga %s has no @StartSaga handler, so no instance could ever be created. Mark the handler of the event"
          + " that begins the process with '@StartSaga @SagaEventHandler(associationProperty = \"...\")'."),
  SAGA_OUTSIDE(
      "ES-SAGA-OUTSIDE",
      "@%s method %s is in %s, which is not annotated @Saga. Move it into a saga or annotate %s with"
          + " @Saga(name = \"...\")."),
  SAGA_MARKER(
      "ES-SAGA-MARKER",
      "@%s method %s %s. @StartSaga goes with @SagaEventHandler, @EndSaga with @SagaEventHandler or"
          + " @DeadlineHandler, e.g. '@StartSaga @SagaEventHandler(associationProperty = \"orderId\")'."),
  SAGA_HANDLER_MODIFIERS(
      "ES-SAGA-HANDLER-MODIFIERS",
      "Saga handler %s must not be %s: the generated saga type calls it on the saga's state. Make it a"
          + " non-private instance method."),
  SAGA_HANDLER_ARITY(
      "ES-SAGA-HANDLER-ARITY",
      "@SagaEventHandler method %s takes %d parameters. Declare it as '%s on(SomeEvent e)' or '%s on(SomeEvent e,"
          + " SagaContext context)'."),
  SAGA_HANDLER_PARAM(
      "ES-SAGA-HANDLER-PARAM",
      "@SagaEventHandler parameter '%s' has type %s, but %s. Declare it as '%s on(SomeEvent e)' or '%s"
          + " on(SomeEvent e, dev.es.runtime.saga.SagaContext context)'."),
  SAGA_HANDLER_RETURN(
      "ES-SAGA-HANDLER-RETURN",
      "Saga handler %s of %s saga %s returns %s; it must %s."),
  SAGA_HANDLER_DUPLICATE(
      "ES-SAGA-HANDLER-DUPLICATE",
      "%s already has a @SagaEventHandler for %s: %s. Keep exactly one handler per event record."),
  SAGA_HANDLER_OLD_REVISION(
      "ES-SAGA-HANDLER-OLD-REVISION",
      "%s is revision %d of event \"%s\", but revision %d exists (%s), so this handler would never be called."
          + " Handle the newest revision; older stored events are upcast to it before they reach sagas."),
  SAGA_ASSOCIATION(
      "ES-SAGA-ASSOCIATION",
      "Association property \"%s\" of %s %s. %s"),
  DEADLINE_SIGNATURE(
      "ES-DEADLINE-SIGNATURE",
      "@DeadlineHandler method %s %s. Declare a non-private instance method taking, in this order and each"
          + " optional, a SagaDeadline and a SagaContext, e.g. '@DeadlineHandler(\"retry\") %s retry(SagaDeadline"
          + " deadline, SagaContext context)'."),
  DEADLINE_DUPLICATE(
      "ES-DEADLINE-DUPLICATE",
      "%s already handles deadline \"%s\" in %s. Keep exactly one @DeadlineHandler per deadline name.");

  private final String id;
  private final String template;
  private final Diagnostic.Kind kind;

  Message(String id, String template) {
    this(id, template, Diagnostic.Kind.ERROR);
  }

  Message(String id, String template, Diagnostic.Kind kind) {
    this.id = id;
    this.template = template;
    this.kind = kind;
  }

  /** The stable id, without brackets, e.g. {@code ES-APPLY-ARITY}. */
  public String id() {
    return id;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The full text: {@code [ID] } followed by the formatted template. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(template, args);
  }
}
