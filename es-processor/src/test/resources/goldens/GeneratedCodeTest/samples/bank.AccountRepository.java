package bank;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.RecordAggregateRepository;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Account}. Do not edit.
 *
 * <p>The repository of {@link Account} aggregates (type name {@code "BankAccount"}), with events of type
 * {@link AccountEvent}. It offers, from {@link RecordAggregateRepository}: {@code load}, {@code findById}, {@code save},
 * {@code update} (load, change, save, retried on a concurrency conflict), {@code history},
 * {@code loadAtVersion}, {@code loadAsOf(Instant)} and {@code exists}.
 *
 * <p>Snapshots: by hand with {@code snapshot(id)}; by default every 10 events,
 * and after a load that replayed more than 25 events (change with {@code setSnapshotTrigger}).
 */
@Generated("dev.es.processor.EsProcessor")
public final class AccountRepository extends RecordAggregateRepository<Account, AccountEvent> {
  /**
   * A repository of {@link Account} aggregates in {@code store}.
   */
  public AccountRepository(CassandraEventStore store) {
    super(store, new Account_AggregateType());
  }
}
