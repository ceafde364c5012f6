package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an event record its stable type name and revision. Optional: a record without it is named by its simple
 * class name, at revision 1.
 *
 * <p>The name is what is stored with each event, so renaming or moving the class does not break stored
 * streams as long as the name stays. When an event's shape changes, keep the old record as revision N (same
 * name) with an {@link Upcast} method returning the new record, revision N + 1:
 *
 * <pre>{@code
 * @Event(name = "UserRegistered", revision = 1)
 * public record UserRegisteredV1(String email) {
 *   @Upcast UserRegistered next() { return new UserRegistered(email, ""); }
 * }
 * @Event(revision = 2)
 * public record UserRegistered(String email, String name) implements UserEvent {}
 * }</pre>
 *
 * <p>Two records may not share a name and revision.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Event {

  /** The stable type name; empty (the default) means the record's simple name. */
  String name() default "";

  /** The revision of this record's shape, starting at 1. */
  int revision() default 1;
}
