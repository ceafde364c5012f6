package dev.es.it.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.support.SettableClock;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.Lease;
import dev.es.runtime.feed.Leases;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Leases expire by their owners' clocks (the store's clock): skew can only hasten or delay a takeover, and the
 * owner a clock ahead took a lease from can no longer write under it.
 */
@CassandraTest
class LeaseClockSkewTest {

  private static final FeedOptions OPTIONS = FeedOptions.defaults().withLeaseDuration(Duration.ofSeconds(10));

  private final CqlSession session;
  private final TestKeyspace keyspace;

  LeaseClockSkewTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  private Leases leasesAt(SettableClock clock) {
    return new FeedFixture(session, keyspace.name(), OPTIONS, store -> store.clock(clock)).feed.leases();
  }

  @Test
  void aClockAheadTakesALiveLeaseOverAtOnceAndFencesItsOwnerOffWhileAClockBehindWaits() {
    Instant now = Instant.now();
    SettableClock behind = new SettableClock(now.minus(Duration.ofHours(1)));
    Leases owner = leasesAt(new SettableClock(now));
    Leases late = leasesAt(behind);
    Leases early = leasesAt(new SettableClock(now.plus(Duration.ofHours(1))));

    Lease held = owner.tryAcquire("skewed", "owner").orElseThrow();
    assertThat(owner.checkpoint(held, 7)).isTrue();

    assertThat(late.tryAcquire("skewed", "late")).as("a clock behind sees the lease as live").isEmpty();
    Lease taken = early.tryAcquire("skewed", "early").orElseThrow();
    assertThat(taken.epoch()).isGreaterThan(held.epoch());
    assertThat(taken.position()).as("the taker goes on from the owner's checkpoint").isEqualTo(7);

    assertThat(owner.renew(held)).as("the owner is fenced off").isFalse();
    assertThat(owner.checkpoint(held, 9)).isFalse();
    assertThat(early.checkpoint(taken, 9)).isTrue();
    behind.set(now.plus(Duration.ofHours(2)));
    assertThat(late.tryAcquire("skewed", "late")).as("once its clock passes the expiry, it takes over too")
        .hasValueSatisfying(lease -> assertThat(lease.position()).isEqualTo(9));
  }
}
