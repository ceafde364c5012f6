package dev.es.runtime;

import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Listed in META-INF/services like a generated type. */
public final class TallyType implements AggregateType<Tally, Tally.Added> {
  @Override public String name() { return "Tally"; }
  @Override public Class<Tally> aggregateClass() { return Tally.class; }
  @Override public Class<Tally.Added> eventClass() { return Tally.Added.class; }
  @Override public Tally create(UUID id) { return new Tally(id); }

  @Override
  public Tally apply(Tally tally, Tally.Added event) {
    tally.total += event.amount();
    return tally;
  }

  @Override public List<EventType<?>> eventTypes() { return List.of(EventType.current("Added", 1, Tally.Added.class)); }
  @Override public int snapshotEvery() { return 0; }
  @Override public Optional<SnapshotSerializer<Tally>> snapshotSerializer() { return Optional.empty(); }
}
