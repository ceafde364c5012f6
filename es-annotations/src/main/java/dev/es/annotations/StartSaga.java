package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SagaEventHandler} whose event starts a new saga instance when no live instance is associated with
 * the event's association value (otherwise the event goes to the associated instances like any other). The
 * instance starts from the state made by the saga's no-argument constructor. Every {@link Saga} has at least one.
 *
 * <pre>{@code
 * @StartSaga
 * @SagaEventHandler(associationProperty = "orderId")
 * OrderProcess on(OrderCreated e, SagaContext context) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StartSaga {}
