package bank;

import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Counter}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "Counter"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class Counter_AggregateType implements AggregateType<Counter, Counter.CounterEvent> {
  private static final List<EventType<?>> EVENT_TYPES = List.of(
      EventType.current("Incremented", 1, Counter.Incremented.class),
      EventType.current("Reset", 1, Counter.Reset.class));

  private static final Optional<SnapshotSerializer<Counter>> SNAPSHOT_SERIALIZER = Optional.empty();

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public Counter_AggregateType() {
  }

  @Override
  public String name() {
    return "Counter";
  }

  @Override
  public Class<Counter> aggregateClass() {
    return Counter.class;
  }

  @Override
  public Class<Counter.CounterEvent> eventClass() {
    return Counter.CounterEvent.class;
  }

  @Override
  public Counter create(UUID id) {
    return new Counter(id);
  }

  @Override
  public Counter apply(Counter aggregate, Counter.CounterEvent event) {
    if (event instanceof Counter.Incremented e) {
      return aggregate.on(e);
    }
    if (event instanceof Counter.Reset e) {
      return aggregate.on(e);
    }
    throw new IllegalArgumentException("Aggregate Counter (bank.Counter) has no @Apply method for " + event.getClass().getName());
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public int snapshotEvery() {
    return 0;
  }

  @Override
  public Optional<SnapshotSerializer<Counter>> snapshotSerializer() {
    return SNAPSHOT_SERIALIZER;
  }
}
