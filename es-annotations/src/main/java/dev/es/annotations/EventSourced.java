package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event-sourced aggregate. The processor generates, in the same package:
 *
 * <ul>
 *   <li>{@code <Name>Repository} (public): typed load / save / update / history / temporal queries;
 *   <li>{@code <Name>_AggregateType}: the reflection-free event dispatcher and event registry, found by the
 *       runtime through {@code META-INF/services/dev.es.runtime.spi.AggregateType};
 *   <li>{@code <Name>_SnapshotSerializer} when the aggregate supports snapshots: {@link #snapshots()} is true, or
 *       {@link #snapshotEvery()} or {@link #snapshotAfterReplaying()} is positive.
 * </ul>
 *
 * <p>Two styles are supported:
 *
 * <ul>
 *   <li>a mutable class extending {@code dev.es.runtime.AggregateRoot<E>}, whose {@link Apply} methods return
 *       {@code void} and change the aggregate's (non-private) fields; the event type {@code E} is the type
 *       argument of {@code AggregateRoot};
 *   <li>an immutable {@code record}, whose {@link Apply} methods return the next state; the event type is
 *       {@link #events()} when set, otherwise the one sealed interface that every applied event record
 *       implements directly.
 * </ul>
 *
 * <p>Either style needs a non-private constructor taking exactly one {@link java.util.UUID} (the aggregate
 * id): the generated code calls it to create an empty aggregate. A record declares it as
 * {@code Account(UUID id) { this(id, 0L); }}, or it is the canonical constructor of a record whose only
 * component is the id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventSourced {

  /** The stable aggregate type name stored with every event; empty (the default) means the simple class name. */
  String name() default "";

  /** Take a snapshot every this many events; {@code 0} (the default) means never. Must not be negative. */
  int snapshotEvery() default 0;

  /**
   * A load that had to replay more than this many events (after the newest usable snapshot) writes a snapshot of
   * the state it built; {@code 0} (the default) means never. Must not be negative. Both this and
   * {@link #snapshotEvery()} are defaults: the repository's {@code setSnapshotTrigger} changes them at run time.
   */
  int snapshotAfterReplaying() default 0;

  /**
   * Declares snapshot support without an automatic rule: the snapshot serializer is generated, so that the
   * repository's {@code snapshot(id)} can take one by hand and a rule can be set at run time. Implied when
   * {@link #snapshotEvery()} or {@link #snapshotAfterReplaying()} is positive.
   */
  boolean snapshots() default false;

  /**
   * Bump this when the logic of the {@link Apply} methods changes in a way that makes stored snapshots wrong:
   * snapshots written under another version are ignored and the aggregate is rebuilt from its events.
   */
  int snapshotVersion() default 1;

  /**
   * The common type of the aggregate's events, for a record aggregate whose events do not share exactly one
   * sealed interface. {@code void.class} (the default) means: infer it. A mutable aggregate takes it from
   * {@code AggregateRoot<E>} and must leave this unset or set it to the same type.
   */
  Class<?> events() default void.class;
}
