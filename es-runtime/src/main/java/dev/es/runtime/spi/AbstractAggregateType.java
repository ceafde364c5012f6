package dev.es.runtime.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of an {@link AggregateType} that is data: name, classes, event types and snapshot settings, given to
 * the constructor. Generated aggregate types extend it and add only {@link #create} and the {@link #apply}
 * dispatch, so that every aggregate does not compile the same accessors again.
 *
 * @param <A> the aggregate class
 * @param <E> the aggregate's event type
 */
public abstract class AbstractAggregateType<A, E> implements AggregateType<A, E> {

  private final String name;
  private final Class<A> aggregateClass;
  private final Class<E> eventClass;
  private final int snapshotEvery;
  private final int snapshotAfterReplaying;
  private final Optional<SnapshotSerializer<A>> snapshotSerializer;
  private final List<EventType<?>> eventTypes;

  /**
   * A type without a load-time snapshot rule.
   *
   * @param snapshotSerializer the snapshot serializer, or {@code null} when the aggregate has no snapshots
   * @param eventTypes every event type the aggregate applies, with the older revisions that upcast to them
   * @throws IllegalArgumentException if {@code snapshotEvery} is positive without a serializer
   */
  protected AbstractAggregateType(
      String name, Class<A> aggregateClass, Class<E> eventClass, int snapshotEvery,
      SnapshotSerializer<A> snapshotSerializer, EventType<?>... eventTypes) {
    this(name, aggregateClass, eventClass, snapshotEvery, 0, snapshotSerializer, eventTypes);
  }

  /**
   * @param snapshotEvery take a snapshot every this many events; 0: never
   * @param snapshotAfterReplaying a load that replayed more than this many events writes a snapshot; 0: never
   * @param snapshotSerializer the snapshot serializer, or {@code null} when the aggregate has no snapshots; it may
   *     be given with both rules 0, for snapshots taken by hand or rules set at run time
   * @param eventTypes every event type the aggregate applies, with the older revisions that upcast to them
   * @throws IllegalArgumentException if a rule is negative, or positive without a serializer
   */
  protected AbstractAggregateType(
      String name, Class<A> aggregateClass, Class<E> eventClass, int snapshotEvery, int snapshotAfterReplaying,
      SnapshotSerializer<A> snapshotSerializer, EventType<?>... eventTypes) {
    this.name = Objects.requireNonNull(name, "name");
    this.aggregateClass = Objects.requireNonNull(aggregateClass, "aggregateClass");
    this.eventClass = Objects.requireNonNull(eventClass, "eventClass");
    if (snapshotEvery < 0 || snapshotAfterReplaying < 0) {
      throw new IllegalArgumentException("aggregate type " + name + ": snapshotEvery (" + snapshotEvery
          + ") and snapshotAfterReplaying (" + snapshotAfterReplaying + ") must not be negative");
    }
    if ((snapshotEvery > 0 || snapshotAfterReplaying > 0) && snapshotSerializer == null) {
      throw new IllegalArgumentException("aggregate type " + name + ": snapshotEvery is " + snapshotEvery
          + " and snapshotAfterReplaying is " + snapshotAfterReplaying + " but a snapshot serializer is missing");
    }
    this.snapshotEvery = snapshotEvery;
    this.snapshotAfterReplaying = snapshotAfterReplaying;
    this.snapshotSerializer = Optional.ofNullable(snapshotSerializer);
    this.eventTypes = List.of(eventTypes);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Class<A> aggregateClass() {
    return aggregateClass;
  }

  @Override
  public final Class<E> eventClass() {
    return eventClass;
  }

  @Override
  public final List<EventType<?>> eventTypes() {
    return eventTypes;
  }

  @Override
  public final int snapshotEvery() {
    return snapshotEvery;
  }

  @Override
  public final int snapshotAfterReplaying() {
    return snapshotAfterReplaying;
  }

  @Override
  public final Optional<SnapshotSerializer<A>> snapshotSerializer() {
    return snapshotSerializer;
  }
}
