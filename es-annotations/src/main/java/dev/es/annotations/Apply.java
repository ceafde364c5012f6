package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link EventSourced} aggregate that applies one event.
 *
 * <p>The method is non-private, non-static, declares no checked exceptions and takes exactly one parameter: the
 * newest revision of an event record. In a mutable aggregate it returns {@code void} and changes the state
 * fields; in a record aggregate it returns the aggregate's next state. Each event record has at most one
 * handler per aggregate; when the event type is a sealed interface, every permitted record needs one.
 *
 * <pre>{@code
 * @Apply void on(EmailChanged e) { email = e.newEmail(); }
 * @Apply Account on(Deposited e) { return new Account(id, balance + e.amount()); }   // record aggregate
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Apply {}
