package dev.es.runtime.saga;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.projection.ProjectionControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The sagas of a feed seen from outside their runners, without their classes (an operator's tool; {@code EsAdmin}
 * wraps it with an audit trail): instances with their state as stored JSON, parked instances, pending deadlines,
 * and the end of a parked instance. A saga is known once a runner started it (its feed consumer registers as
 * {@code saga:<name>}).
 */
public final class SagaControl {

  /** Later than any deadline: the upper bound of a read of every stored deadline. */
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

  private final SagaStore store;
  private final ProjectionControl consumers;

  /**
   * For the feed's keyspace.
   *
   * @throws dev.es.runtime.MissingTableException if {@link SagaRunner#initialize(Feed)} was not called on it
   */
  public SagaControl(Feed feed) {
    Objects.requireNonNull(feed, "feed");
    this.store = new SagaStore(feed.session(), feed.store().options());
    this.consumers = new ProjectionControl(feed);
  }

  /** The sagas a runner started on this feed, sorted. */
  public List<String> names() {
    return SagaConsumer.sagasAmong(consumers.names());
  }

  /**
   * An instance as stored, its state as JSON.
   *
   * @throws SagaNotFoundException naming the saga or the instance
   */
  public SagaInstance<String> instance(String saga, UUID instance) {
    requireKnown(saga);
    return store.load(saga, instance).map(row -> view(saga, row)).orElseThrow(() -> new SagaNotFoundException(
        "saga '" + saga + "' has no instance " + instance));
  }

  /**
   * The instances associated with {@code property = value} (e.g. {@code orderId} and an order's id), ended ones
   * included.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<SagaInstance<String>> instances(String saga, String property, String value) {
    requireKnown(saga);
    return store.associatedWith(saga, new Association(property, value)).stream().map(row -> view(saga, row))
        .toList();
  }

  /**
   * Up to {@code limit} parked instances, in id order, each with its error and the event it was parked on.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<SagaInstance<String>> parked(String saga, int limit) {
    requireKnown(saga);
    requirePositive(limit);
    return store.parked(saga, limit).stream().map(row -> view(saga, row)).toList();
  }

  /**
   * Up to {@code limit} deadlines pending on the saga's instances, oldest bucket first and in due order within a
   * bucket; a stored deadline its instance no longer has pending (cancelled, or the instance ended) is left out.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<ScheduledDeadline> deadlines(String saga, int limit) {
    requireKnown(saga);
    requirePositive(limit);
    Map<UUID, Optional<InstanceRow>> instances = new HashMap<>();
    List<ScheduledDeadline> pending = new ArrayList<>();
    for (long bucket : store.buckets(saga, Long.MAX_VALUE)) {
      for (SagaStore.DueDeadline stored : (Iterable<SagaStore.DueDeadline>)
          store.due(saga, bucket, END_OF_TIME)::iterator) {
        boolean isPending = instances.computeIfAbsent(stored.instance(), id -> store.load(saga, id))
            .filter(row -> !row.ended() && row.hasPendingDeadline(stored.deadline().id())).isPresent();
        if (isPending) {
          pending.add(new ScheduledDeadline(saga, stored.instance(), stored.deadline()));
          if (pending.size() == limit) {
            return pending;
          }
        }
      }
    }
    return pending;
  }

  /**
   * Ends a parked instance: it gets nothing more (later events and its deadlines do not reach it), keeps its state
   * and error, and is no longer listed as parked. Its declared compensations ran when it was parked, once; ending
   * it runs nothing. A conditional write on its version, so it cannot race a runner.
   *
   * @return the instance as ended
   * @throws SagaNotFoundException naming the saga or the instance
   * @throws IllegalStateException if the instance is not parked, or its compensations are not appended yet (its
   *     runner appends them when it next touches the instance), naming it
   */
  public SagaInstance<String> end(String saga, UUID instance) {
    requireKnown(saga);
    InstanceRow row = store.loadSerial(saga, instance).orElseThrow(() -> new SagaNotFoundException(
        "saga '" + saga + "' has no instance " + instance));
    String named = "saga '" + saga + "' instance " + instance;
    if (!row.parked()) {
      throw new IllegalStateException(named + " is not parked" + (row.ended() ? " (it has ended)" : "")
          + ": only a parked instance is ended by hand");
    }
    if (!row.outbox().isEmpty()) {
      throw new IllegalStateException(named + " has " + row.outbox().size() + " compensations not appended yet;"
          + " its saga runner appends them when it next touches the instance: end it after that");
    }
    if (!store.endParked(saga, instance, row.version())) {
      throw new IllegalStateException(named + " changed while it was being ended (version " + row.version()
          + " is not the latest): look at it again");
    }
    return instance(saga, instance);
  }

  private void requireKnown(String saga) {
    Objects.requireNonNull(saga, "saga");
    List<String> known = names();
    if (!known.contains(saga)) {
      throw new SagaNotFoundException("no saga named '" + saga + "' is registered on this feed; known: " + known);
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  private static SagaInstance<String> view(String saga, InstanceRow row) {
    return new SagaInstance<>(saga, row.instance(), row.state(), row.version(), row.ended(), row.parked(),
        Optional.ofNullable(row.error()), Optional.ofNullable(row.parkedEvent()), row.handled(), row.deadlines(),
        row.deferred(), row.outbox().size());
  }
}
