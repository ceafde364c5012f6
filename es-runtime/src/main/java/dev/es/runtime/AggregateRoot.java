package dev.es.runtime;

import dev.es.runtime.internal.AggregateTypes;
import dev.es.runtime.spi.AggregateType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Base class of mutable event-sourced aggregates. State changes only through {@link #raise}, which applies the
 * event through the aggregate's generated {@link AggregateType} (no reflection) and records it until the
 * repository saves it.
 *
 * @param <E> the aggregate's event type
 */
public abstract class AggregateRoot<E> {

  private final UUID id;
  private long version;
  private final List<E> uncommitted = new ArrayList<>();
  private AggregateType<AggregateRoot<E>, E> type;

  protected AggregateRoot(UUID id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  public final UUID id() {
    return id;
  }

  /** The version of the last committed (stored) event; 0 for an aggregate never saved. */
  public final long version() {
    return version;
  }

  /** Applies the event to this aggregate and records it as uncommitted. */
  protected final void raise(E event) {
    Objects.requireNonNull(event, "event");
    type().apply(this, event);
    uncommitted.add(event);
  }

  /** Events raised since the last save, in order. */
  public final List<E> uncommittedEvents() {
    return List.copyOf(uncommitted);
  }

  /** The stored events were applied and now the aggregate is at {@code version}. */
  final void restoredAt(long restoredVersion, AggregateType<AggregateRoot<E>, E> aggregateType) {
    this.version = restoredVersion;
    this.type = aggregateType;
  }

  /** The uncommitted events are stored; the stream is now at {@code committedVersion}. */
  final void markCommitted(long committedVersion) {
    this.version = committedVersion;
    uncommitted.clear();
  }

  @SuppressWarnings("unchecked")
  private AggregateType<AggregateRoot<E>, E> type() {
    if (type == null) {
      type = (AggregateType<AggregateRoot<E>, E>) (AggregateType<?, ?>) AggregateTypes.of(getClass());
    }
    return type;
  }
}
