package bank;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.RecordAggregateRepository;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Counter}. Do not edit.
 *
 * <p>The repository of {@link Counter} aggregates (type name {@code "Counter"}), with events of type
 * {@link Counter.CounterEvent}. It offers, from {@link RecordAggregateRepository}: {@code load}, {@code findById}, {@code save},
 * {@code update} (load, change, save, retried on a concurrency conflict), {@code history},
 * {@code loadAtVersion}, {@code loadAsOf(Instant)} and {@code exists}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class CounterRepository extends RecordAggregateRepository<Counter, Counter.CounterEvent> {
  /**
   * A repository of {@link Counter} aggregates in {@code store}.
   */
  public CounterRepository(CassandraEventStore store) {
    super(store, new Counter_AggregateType());
  }
}
