package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link Projector} that empties its read model before a rebuild from position zero,
 * typically by calling {@code truncate()} on its generated tables. A non-private, non-static method without
 * parameters; at most one per projector. A projector without one does nothing on reset.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Reset {}
