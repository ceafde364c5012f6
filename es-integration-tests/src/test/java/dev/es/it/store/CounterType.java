package dev.es.it.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the annotation processor would generate for the record aggregate {@link Counter}. */
public final class CounterType implements AggregateType<Counter, Counter.Event> {

  @Override
  public String name() {
    return "Counter";
  }

  @Override
  public Class<Counter> aggregateClass() {
    return Counter.class;
  }

  @Override
  public Class<Counter.Event> eventClass() {
    return Counter.Event.class;
  }

  @Override
  public Counter create(UUID id) {
    return new Counter(id, null, 0);
  }

  @Override
  public Counter apply(Counter counter, Counter.Event event) {
    if (event instanceof Counter.Named e) {
      return counter.on(e);
    } else if (event instanceof Counter.Incremented e) {
      return counter.on(e);
    }
    throw new IllegalArgumentException("Counter has no handler for " + event.getClass().getName());
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return List.of(
        EventType.current("CounterNamed", 1, Counter.Named.class),
        EventType.current("Incremented", 1, Counter.Incremented.class));
  }

  @Override
  public int snapshotEvery() {
    return 3;
  }

  @Override
  public Optional<SnapshotSerializer<Counter>> snapshotSerializer() {
    return Optional.of(new SnapshotSerializer<>() {
      @Override
      public String fingerprint() {
        return "counter-1";
      }

      @Override
      public String write(Counter counter, ObjectMapper mapper) {
        return counter.value() + "|" + counter.name();
      }

      @Override
      public Counter read(UUID id, String text, ObjectMapper mapper) {
        int bar = text.indexOf('|');
        return new Counter(id, text.substring(bar + 1), Long.parseLong(text.substring(0, bar)));
      }
    });
  }
}
