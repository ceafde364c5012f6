package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of an old event revision that converts it to the next revision.
 *
 * <p>Declared in the old revision's record: a non-private, non-static method without parameters that returns the
 * record with the same {@link Event#name() type name} and revision + 1. The processor checks that each chain is
 * complete (no gap, no duplicate revision, ending at the newest record, which an aggregate applies). At run time
 * a stored old event is upcast step by step, so aggregates only ever see the newest revision.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Upcast {}
