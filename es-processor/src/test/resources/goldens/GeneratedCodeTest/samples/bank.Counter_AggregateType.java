package bank;

import dev.es.runtime.spi.AbstractAggregateType;
import dev.es.runtime.spi.EventType;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Counter}. Do not edit.
 *
 * <p>The event dispatcher and event registry of aggregate type {@code "Counter"}, found by the runtime
 * through {@code META-INF/services/dev.es.runtime.spi.AggregateType}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class Counter_AggregateType extends AbstractAggregateType<Counter, Counter.CounterEvent> {
  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public Counter_AggregateType() {
    super("Counter", Counter.class, Counter.CounterEvent.class, 0, 0, null,
        EventType.newest("Incremented", 1, Counter.Incremented.class),
        EventType.newest("Reset", 1, Counter.Reset.class));
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
}
