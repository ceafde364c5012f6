package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} component of an event record as personal data of a data subject, named by another
 * component of the same record. es stores the text encrypted with that subject's key; once the subject is
 * forgotten (its key deleted) every read gives {@code "[forgotten]"} instead, never an error.
 *
 * <pre>{@code
 * public record CustomerRegistered(UUID customerId, @PersonalData(subject = "customerId") String email) {}
 * }</pre>
 *
 * <p>The subject component must be a {@code String}, {@code UUID}, {@code int} or {@code long} (or their boxes),
 * and not personal data itself: it stays readable so that the subject can be named. The annotation processor
 * reports a compile error on a component that breaks these rules, whether or not its record is used as an event
 * yet. Stored events name both components by JSON property, so a Jackson {@code @JsonProperty} renaming either one
 * is followed.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

  /** The name of the record component whose value names the data subject. */
  String subject();
}
