package dev.es.runtime.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the projections of a {@link ProjectionRunner} parked under {@link FailurePolicy#PARK}: list them,
 * and ask for them to be retried or skipped. From {@link ProjectionRunner#parkedEvents()}.
 *
 * <p>A retry or skip is a request, stored on the parked row: the worker that holds the lease of the projection and
 * shard, in this process or in another, does it between two batches, under its lease, so the request never races
 * the worker handling that aggregate's events. A request to a projection that runs nowhere waits until a worker
 * takes the lease. Watch {@link #list} to see it done: the events disappear when handled or skipped, and a retry
 * that fails again leaves them with the new failure and one more attempt.
 */
public final class ParkedEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);

  private final ParkedEventStore store;
  private final int shards;
  private final Consumer<String> requireHosted;

  ParkedEvents(ParkedEventStore store, int shards, Consumer<String> requireHosted) {
    this.store = store;
    this.shards = shards;
    this.requireHosted = requireHosted;
  }

  /**
   * Up to {@code limit} parked events of a projection, shard by shard, per aggregate in version order.
   *
   * @throws IllegalArgumentException if the runner hosts no projection of that name, or {@code limit < 1}
   */
  public List<ParkedEvent> list(String projection, int limit) {
    requireHosted.accept(projection);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<ParkedEvent> parked = new ArrayList<>();
    for (int shard = 0; shard < shards && parked.size() < limit; shard++) {
      parked.addAll(store.firstOnShard(projection, shard, limit - parked.size()));
    }
    return parked;
  }

  /**
   * Asks for the parked events of this event's aggregate to be handled again, in version order, once the cause is
   * fixed. Each one handled is removed; the first that fails again stays parked, with those after it, and its
   * failure and attempts are updated. When none are left, the aggregate's later events are handled again as they
   * come.
   *
   * @return false if the event is not parked (any more)
   * @throws IllegalArgumentException if the runner hosts no projection of that name
   */
  public boolean retry(ParkedEvent event) {
    return request(event, ParkedEvent.Request.RETRY);
  }

  /**
   * Asks for a parked event to be removed without being handled: its projection will never see it. The events of
   * its aggregate parked behind it stay parked until they are retried or skipped too. The worker logs the skip.
   *
   * @return false if the event is not parked (any more)
   * @throws IllegalArgumentException if the runner hosts no projection of that name
   */
  public boolean skip(ParkedEvent event) {
    return request(event, ParkedEvent.Request.SKIP);
  }

  private boolean request(ParkedEvent event, ParkedEvent.Request what) {
    Objects.requireNonNull(event, "event");
    requireHosted.accept(event.projection());
    boolean marked = store.request(event, what);
    if (marked) {
      LOG.info("{} requested for: {}", what, event.describe());
    }
    return marked;
  }
}
