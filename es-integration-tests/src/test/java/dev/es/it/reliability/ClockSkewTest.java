package dev.es.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.Account;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.AccountRepository;
import dev.es.it.store.Account_AggregateType;
import dev.es.it.support.SettableClock;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Writers whose clocks disagree. Timestamps are the appending process's clock; the documented behaviour
 * (docs/guarantees.md, "Clock skew"): current state, versions and conflicts never depend on clocks; the state as
 * of an instant is the longest prefix of the stream stamped at or before it, so it is always a state the
 * aggregate really had; an event stamped in the future hides itself and everything after it from as-of reads
 * until its stamp; time-range reads select by stamp.
 */
@CassandraTest
class ClockSkewTest {

  private static final Instant T0 = Instant.parse("2031-03-01T10:00:00Z");

  private final CqlSession session;
  private final TestKeyspace keyspace;

  ClockSkewTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  private AggregateRootRepository<Account, AccountEvent> writerWith(Clock clock) {
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace.name())
        .clock(clock).build(), EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    return new AccountRepository(store);
  }

  @Test
  void asOfReadsFollowTheLongestPrefixStampedAtOrBeforeTheInstantWhateverTheWritersClocks() {
    SettableClock good = new SettableClock(T0);
    SettableClock ahead = new SettableClock(T0.plusSeconds(3600));
    SettableClock behind = new SettableClock(T0.minusSeconds(60));
    AggregateRootRepository<Account, AccountEvent> a = writerWith(good);
    AggregateRootRepository<Account, AccountEvent> fast = writerWith(ahead);
    AggregateRootRepository<Account, AccountEvent> slow = writerWith(behind);
    UUID id = UUID.randomUUID();

    a.save(Account.open(id, "ann"));                                   // v1 stamped T0
    fast.update(id, account -> account.deposit(BigDecimal.TEN));       // v2 stamped T0 + 1 h (clock ahead)
    good.set(T0.plusSeconds(1));
    a.update(id, account -> account.deposit(BigDecimal.ONE));          // v3 stamped T0 + 1 s
    slow.update(id, account -> account.deposit(new BigDecimal("100"))); // v4 stamped T0 - 1 min (clock behind)

    // current state, versions and order never depend on clocks
    assertThat(a.load(id).state().version()).isEqualTo(4);
    assertThat(a.load(id).state().balance()).isEqualByComparingTo("111");
    assertThat(a.history(id).map(EventEnvelope::timestamp)).containsExactly(
        T0, T0.plusSeconds(3600), T0.plusSeconds(1), T0.minusSeconds(60));

    // v3 is stamped before T0 + 2 s, but v2 before it is stamped in the future: the prefix stops at v1
    Account atTwoSeconds = a.loadAsOf(id, T0.plusSeconds(2));
    assertThat(atTwoSeconds.state().version()).isEqualTo(1);
    assertThat(atTwoSeconds.state().balance()).isEqualByComparingTo("0");
    assertThat(a.loadAsOf(id, T0.plusSeconds(3600).minusMillis(1)).state().version()).isEqualTo(1);
    // once the instant passes the future stamp, the later events with earlier stamps follow in stream order
    assertThat(a.loadAsOf(id, T0.plusSeconds(3600)).state()).isEqualTo(a.load(id).state());
    // v4 is stamped before v1, yet the state as of its stamp is not "v4 alone": there was no such state
    assertThatThrownBy(() -> a.loadAsOf(id, T0.minusSeconds(30))).isInstanceOf(AggregateNotFoundException.class);

    // time-range reads select by stamp: v2 is in the window of its (future) stamp, v4 in the window of its own
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace.name()).build(), EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    assertThat(store.readBetween(T0, T0.plusSeconds(2)).filter(e -> e.aggregateId().equals(id))
        .map(EventEnvelope::version)).containsExactlyInAnyOrder(1L, 3L);
    assertThat(store.readBetween(T0.plusSeconds(3600), T0.plusSeconds(3601)).filter(e -> e.aggregateId().equals(id))
        .map(EventEnvelope::version)).containsExactly(2L);
    assertThat(store.readByType("Deposited", T0.minusSeconds(61), T0).filter(e -> e.aggregateId().equals(id))
        .map(EventEnvelope::version)).containsExactly(4L);
  }
}
