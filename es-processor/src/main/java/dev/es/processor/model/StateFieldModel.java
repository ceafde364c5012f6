package dev.es.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One piece of aggregate state written to snapshots: a non-static, non-transient field of a mutable aggregate,
 * or a component of a record aggregate.
 *
 * @param name the field or component name (also the JSON property name)
 * @param type its declared type
 * @param isId true for a record component {@code UUID id}: restored from the snapshot's aggregate id, not
 *     written
 */
public record StateFieldModel(String name, TypeName type, boolean isId) {}
