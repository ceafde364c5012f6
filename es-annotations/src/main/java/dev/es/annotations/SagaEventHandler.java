package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Saga} that handles one event type, and names how the event is associated with saga
 * instances: {@link #associationProperty()} is a component of the event record whose value (as text) routes the
 * event to the instances associated with that value. Add {@link StartSaga} to let the event create an instance,
 * {@link EndSaga} to end the instance after the handler.
 *
 * <p>The method is non-private and non-static and takes the event record (its newest revision; older stored
 * revisions are upcast first), optionally followed by a {@code dev.es.runtime.saga.SagaContext}. In a record saga
 * it returns the next state (the record type); in a mutable saga it returns {@code void}. It may throw any
 * exception: the runtime retries with backoff, then parks the instance (and emits its declared compensations).
 * At most one handler per event record.
 *
 * <pre>{@code
 * @SagaEventHandler(associationProperty = "orderId")
 * void on(PaymentConfirmed e, SagaContext context) {
 *   context.emit("Inventory", e.orderId(), new InventoryRequested(e.orderId()));
 *   stage = Stage.RESERVING;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SagaEventHandler {

  /**
   * The name of a component of the event record, e.g. {@code "orderId"}: the generated code reads it with the
   * record's accessor. An instance is associated with the value its start event carried, and with every value
   * it adds through {@code SagaContext.associateWith(property, value)}.
   */
  String associationProperty();

  /**
   * The association's key, when it differs from the event's property name: instances are found by
   * (key, value), so an event whose property has another name than the one the instance was associated under
   * names that key here, e.g. {@code @SagaEventHandler(associationProperty = "oldEmail", keyName = "email")}.
   * Default: the {@link #associationProperty()} itself.
   */
  String keyName() default "";
}
