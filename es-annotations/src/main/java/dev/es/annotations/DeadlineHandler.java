package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Saga} called when a deadline the instance scheduled with
 * {@code context.schedule(name, ...)} is due (and was not cancelled). {@link #value()} is the deadline's name; at
 * most one handler per name.
 *
 * <p>The method is non-private and non-static. Its parameters are, in this order and each optional, a
 * {@code dev.es.runtime.saga.SagaDeadline} (id, name, due time, payload) and a
 * {@code dev.es.runtime.saga.SagaContext}. Like a {@link SagaEventHandler}, it returns the next state in a record
 * saga and {@code void} in a mutable one, and may throw any exception (retried, then the instance is parked).
 *
 * <pre>{@code
 * @DeadlineHandler("retry-email")
 * void retry(SagaDeadline deadline, SagaContext context) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DeadlineHandler {

  /** The deadline's name, as given to {@code SagaContext.schedule}, e.g. {@code "retry-email"}. Not blank. */
  String value();
}
