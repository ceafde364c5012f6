package dev.es.runtime.saga;

import dev.es.runtime.feed.Lease;
import dev.es.runtime.feed.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires one saga's due deadlines while holding the lease {@code saga-deadlines:<saga>}: reads the non-empty
 * buckets up to now, delivers each due deadline to its instance, then deletes it. A deadline is deleted only after
 * its delivery was stored, so a crash in between fires it again, which the instance's handled ids turn into a
 * no-op.
 *
 * <p>The lease is renewed, or sought by a runner that does not hold it, once per {@code leaseCheck} (a quarter of
 * the lease), not at every poll: each is a Paxos round, and a firer that polls every 50 ms would otherwise cost the
 * cluster twenty of them a second per saga while it has nothing to fire. Firing between renewals is safe: an
 * owner that lost the lease unawares can only deliver a deadline a second time, which the instance ignores.
 */
final class DeadlineFirer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineFirer.class);

  private final SagaProcessor<?> processor;
  private final SagaStore store;
  private final Leases leases;
  private final String owner;
  private final Duration poll;
  private final Duration leaseCheck;
  private final Duration grace;
  private final Clock clock;
  private volatile boolean active = true;
  private Lease lease;
  private long leaseCheckedAt;

  DeadlineFirer(SagaProcessor<?> processor, SagaStore store, Leases leases, String owner, Duration poll,
      Duration leaseCheck, Duration grace, Clock clock) {
    this.processor = processor;
    this.store = store;
    this.leases = leases;
    this.owner = owner;
    this.poll = poll;
    this.leaseCheck = leaseCheck;
    this.leaseCheckedAt = System.nanoTime() - leaseCheck.toNanos(); // the first poll takes the lease
    this.grace = grace;
    this.clock = clock;
  }

  static String leaseName(String saga) {
    return "saga-deadlines:" + saga;
  }

  void stop() {
    active = false;
  }

  @Override
  public void run() {
    try {
      while (active) {
        try {
          if (holdLease()) {
            fireDue();
          }
        } catch (RuntimeException e) {
          LOG.warn("saga {}: firing deadlines failed: {}; retrying", processor.name(), e.toString());
        }
        Thread.sleep(poll.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (lease != null) {
        leases.release(lease);
      }
    }
  }

  private boolean holdLease() {
    long now = System.nanoTime();
    if (now - leaseCheckedAt < leaseCheck.toNanos()) {
      return lease != null;
    }
    if (lease != null && !leases.renew(lease)) {
      LOG.info("saga {}: deadline lease taken over by another runner", processor.name());
      lease = null;
    }
    if (lease == null) {
      lease = leases.tryAcquire(leaseName(processor.name()), owner).orElse(null);
    }
    leaseCheckedAt = now;
    return lease != null;
  }

  /**
   * Delivers one deadline, then deletes it. One that cannot be delivered stays for the next pass, and the deadlines
   * after it are fired all the same.
   */
  private void fire(String saga, long bucket, SagaStore.DueDeadline due) throws InterruptedException {
    try {
      if (!processor.onDeadline(due.instance(), due.deadline(), due.scheduledVersion())) {
        return; // the state that makes it pending is not stored yet
      }
    } catch (RuntimeException e) {
      LOG.warn("saga {} instance {}: deadline '{}' {} due {} could not be delivered, retried at the next pass: {}",
          saga, due.instance(), due.deadline().name(), due.deadline().id(), due.deadline().due(), e.toString());
      return;
    }
    store.deleteDeadline(saga, bucket, due.deadline());
  }

  private void fireDue() throws InterruptedException {
    String saga = processor.name();
    Instant now = clock.instant();
    for (long bucket : store.buckets(saga, processor.bucketOf(now))) {
      for (Iterator<SagaStore.DueDeadline> due = store.due(saga, bucket, now).iterator(); due.hasNext(); ) {
        if (!active) {
          return;
        }
        fire(saga, bucket, due.next());
      }
      // a bucket is forgotten only well after its end, so a deadline scheduled into it by a process whose clock
      // is behind ours still finds it listed
      Instant end = Instant.ofEpochMilli((bucket + 1) * processor.bucketDuration().toMillis());
      if (end.plus(grace).isBefore(now) && store.bucketIsEmpty(saga, bucket)) {
        store.deleteBucket(saga, bucket);
      }
    }
  }
}
