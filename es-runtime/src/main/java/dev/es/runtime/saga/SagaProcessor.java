package dev.es.runtime.saga;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.internal.Futures;
import dev.es.runtime.internal.SagaIds;
import dev.es.runtime.internal.SagaProgress;
import dev.es.runtime.internal.SagaStep;
import dev.es.runtime.spi.SagaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one event or deadline to one saga instance, exactly once: load, complete the previous outbox, skip what
 * was handled, handle with retries (or park), write idempotent side rows, then ONE conditional write of the new
 * state with the handled id and the staged events, then publish them. The conditional write and the appends of
 * emitted events are the only Paxos rounds of a step that goes as expected.
 */
final class SagaProcessor<S> {

  private static final Logger LOG = LoggerFactory.getLogger(SagaProcessor.class);
  private static final int MAX_CONFLICTS = 100;

  private final SagaType<S> type;
  private final String name;
  private final SagaStore store;
  private final CassandraEventStore events;
  private final EventSerializer json;
  private final EffectPublisher publisher;
  private final StoreStager stager;
  private final SagaRunner.Settings settings;

  SagaProcessor(SagaType<S> type, SagaStore store, CassandraEventStore events, EventSerializer json,
      SagaRunner.Settings settings) {
    this.type = type;
    this.name = type.name();
    this.store = store;
    this.events = events;
    this.json = json;
    this.publisher = new EffectPublisher(events, json);
    this.stager = new StoreStager(events, json);
    this.settings = settings;
  }

  String name() {
    return name;
  }

  SagaType<S> type() {
    return type;
  }

  /** What is being applied: a feed event or a due deadline. */
  private interface Cause<S> {
    UUID id();

    String describe();

    SagaStep.Handled<S, StagedEvent> apply(SagaType<S> type, UUID instance, S state,
        SagaStep.Pending<StagedEvent> pending, Association start, Instant now, StoreStager stager) throws Exception;

    /** The deadline being fired, or null. */
    SagaDeadline firing();

    MetadataContext.Scope metadata();
  }

  private record EventCause<S>(EventEnvelope<Object> envelope) implements Cause<S> {
    public UUID id() {
      return envelope.eventId();
    }

    public String describe() {
      return "event " + envelope.eventType() + " " + envelope.eventId() + " (aggregate " + envelope.aggregateId()
          + " version " + envelope.version() + ")";
    }

    public SagaStep.Handled<S, StagedEvent> apply(SagaType<S> type, UUID instance, S state,
        SagaStep.Pending<StagedEvent> pending, Association start, Instant now, StoreStager stager) throws Exception {
      return SagaStep.onEvent(type, instance, state, pending, envelope.payload(), envelope.eventId(), start, now,
          stager);
    }

    public SagaDeadline firing() {
      return null;
    }

    public MetadataContext.Scope metadata() {
      return MetadataContext.causedBy(envelope);
    }
  }

  /** A due deadline, and the instance version whose write made (or makes) it pending. */
  private record DeadlineCause<S>(SagaDeadline deadline, long scheduledVersion) implements Cause<S> {
    public UUID id() {
      return deadline.id();
    }

    public String describe() {
      return "deadline '" + deadline.name() + "' " + deadline.id() + " due " + deadline.due();
    }

    public SagaStep.Handled<S, StagedEvent> apply(SagaType<S> type, UUID instance, S state,
        SagaStep.Pending<StagedEvent> pending, Association start, Instant now, StoreStager stager) throws Exception {
      return SagaStep.onDeadline(type, instance, state, pending, deadline, now, stager);
    }

    public SagaDeadline firing() {
      return deadline;
    }

    public MetadataContext.Scope metadata() {
      return MetadataContext.open(MetadataContext.currentUserId(),
          MetadataContext.currentMetadata().withCausationId(deadline.id().toString()));
    }
  }

  /** Delivers a feed event to every instance associated with it, or starts one if none is and the event may. */
  void onEvent(EventEnvelope<Object> envelope) throws InterruptedException {
    Optional<SagaType.Binding> bound = type.bind(envelope.payload());
    if (bound.isEmpty()) {
      return;
    }
    SagaType.Binding binding = bound.get();
    Association association = new Association(binding.property(), binding.value());
    boolean reached = false;
    for (UUID instance : store.associated(name, association.property(), association.value())) {
      reached |= deliver(instance, association, null, new EventCause<>(envelope)) == Delivery.TAKEN;
    }
    if (!reached && binding.starts()) {
      // the id is derived from the start event, so a redelivery after a crash finds the instance it created
      deliver(SagaIds.instance(name, envelope.eventId()), null, association, new EventCause<>(envelope));
    } else if (!reached) {
      LOG.debug("saga {}: no live instance associated with {}={} for {}", name, association.property(),
          association.value(), envelope.eventId());
    }
  }

  /**
   * Delivers a due deadline to its instance, unless it was cancelled or already handled.
   *
   * @param scheduledVersion the instance version whose write makes the deadline pending
   * @return false if that write is not stored yet, so that the deadline must stay for a later pass: its row is
   *     written before the state, and a firer that took "not pending" for "cancelled" then would delete a deadline
   *     the state is about to make pending; true once it is settled (handled now or before, cancelled, or its
   *     instance ended or gone)
   */
  boolean onDeadline(UUID instance, SagaDeadline deadline, long scheduledVersion) throws InterruptedException {
    return deliver(instance, null, null, new DeadlineCause<>(deadline, scheduledVersion)) != Delivery.NOT_STORED_YET;
  }

  /** What became of a cause delivered to an instance. */
  private enum Delivery {
    /** The instance took it: handled now or before, or deferred it (parked). */
    TAKEN,
    /** It does not reach the instance: absent, ended, not associated, or (a deadline) cancelled. */
    NOT_REACHED,
    /** A deadline whose scheduling write is not stored yet. */
    NOT_STORED_YET
  }

  /**
   * Applies {@code cause} to the instance. {@code via} is the association row that routed an event here, null
   * otherwise; {@code start} is the association of a start event (the instance may be created), null otherwise.
   *
   * @return what became of the cause
   */
  private Delivery deliver(UUID instance, Association via, Association start, Cause<S> cause)
      throws InterruptedException {
    // A normal read first: the conditional write on the version it shows settles whether it was current. A serial
    // read (a Paxos round of its own) only after a lost race, or to confirm an outcome that writes nothing.
    boolean serial = false;
    int conflicts = 0;
    while (true) {
      Optional<InstanceRow> stored = serial ? store.loadSerial(name, instance) : store.load(name, instance);
      stored.ifPresent(this::completeOutbox);
      InstanceRow row = stored.orElseGet(() -> InstanceRow.fresh(instance, null));
      if (row.handled().contains(cause.id())) {
        return Delivery.TAKEN; // handled ids and ends are only ever added, so even an older row is right here
      }
      if (row.ended()) {
        return Delivery.NOT_REACHED;
      }
      if (cause instanceof DeadlineCause<S> deadline && row.version() < deadline.scheduledVersion()) {
        if (!serial) {
          serial = true;
          continue;
        }
        LOG.debug("saga {} instance {}: {} is not pending at version {} yet", name, instance, cause.describe(),
            row.version());
        return Delivery.NOT_STORED_YET;
      }
      boolean absent = stored.isEmpty() && start == null;
      // Association rows are written before the state: one whose write then lost the race routes to an instance
      // that never took it, and must not deliver there (nor keep a start event from starting its own instance).
      boolean stranger = via != null && !row.associations().contains(via);
      boolean cancelled = cause instanceof DeadlineCause<S> && !row.hasPendingDeadline(cause.id());
      if ((absent || stranger || cancelled || row.parked()) && !serial) {
        serial = true;
        continue;
      }
      if (absent) {
        return Delivery.NOT_REACHED;
      }
      if (stranger) {
        LOG.debug("saga {} instance {} is not associated with {}: {} does not reach it", name, instance, via,
            cause.describe());
        return Delivery.NOT_REACHED;
      }
      if (cancelled) {
        LOG.debug("saga {} instance {}: {} was cancelled", name, instance, cause.describe());
        return Delivery.NOT_REACHED;
      }
      if (row.parked()) {
        LOG.warn("saga {} instance {} is parked; {} is deferred, not handled", name, instance, cause.describe());
        store.addDeferred(name, instance, cause.id());
        return Delivery.TAKEN;
      }
      Decision decided = decide(row, start, cause);
      // the side rows are written while the emitted-to streams' versions are read; all before the state
      List<CompletableFuture<Void>> sideRows = new ArrayList<>();
      for (SagaDeadline deadline : decided.scheduled) {
        sideRows.add(store.insertDeadline(name, instance, deadline, settings.bucketOf(deadline.due()),
            decided.next.version()).toCompletableFuture());
      }
      for (Association association : decided.next.associations()) {
        if (!row.associations().contains(association)) {
          sideRows.add(store.associate(name, association, instance).toCompletableFuture());
        }
      }
      if (decided.next.parked()) {
        sideRows.add(store.listParked(name, instance).toCompletableFuture());
      }
      Decision decision = observed(decided);
      awaitAll(sideRows);
      if (!store.commit(name, row.version(), decision.next, cause.id())) {
        if (serial) {
          if (++conflicts > MAX_CONFLICTS) {
            throw new IllegalStateException("saga " + name + " instance " + instance + ": " + cause.describe()
                + " lost " + MAX_CONFLICTS + " concurrent-update races in a row");
          }
          Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(conflicts, 6)));
        }
        serial = true; // the normal read may only have been behind: read what won before backing off
        continue;
      }
      settings.listener().reached(SagaProgress.STATE_WRITTEN, name, instance, cause.id());
      settings.instrumentation().sagaStepStored(name, row.isNew(), decision.next.ended(), decision.next.parked());
      complete(decision);
      settings.listener().reached(SagaProgress.EFFECTS_DONE, name, instance, cause.id());
      return Delivery.TAKEN;
    }
  }

  /** The new row after handling (or parking) and what must happen around its write. */
  private record Decision(InstanceRow next, List<SagaDeadline> scheduled, List<SagaDeadline> cancelled) {}

  private Decision decide(InstanceRow row, Association start, Cause<S> cause) throws InterruptedException {
    long backoff = settings.firstBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return handled(row, start, cause);
      } catch (Exception e) {
        if (attempt >= settings.maxAttempts()) {
          return parked(row, start, cause, attempt, e);
        }
        LOG.warn("saga {} instance {}: {} failed (attempt {} of {}): {}", name, row.instance(), cause.describe(),
            attempt, settings.maxAttempts(), e.toString());
        Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
      }
    }
  }

  /**
   * Reads the version of each stream the decision emits to for the first time, before the state write: every
   * attempt to append such an event lands after it, which is where a repeated publication looks for the event.
   * Done after the handler and outside its retries, so that Cassandra being unreachable here is a storage failure
   * (the feed consumer retries the event, or stops at it) and never parks the instance.
   */
  private Decision observed(Decision decision) {
    Map<UUID, Long> versions = new HashMap<>();
    InstanceRow next = decision.next.withStaged(observed(decision.next.outbox(), versions),
        observed(decision.next.compensations(), versions));
    return new Decision(next, decision.scheduled, decision.cancelled);
  }

  private List<StagedEvent> observed(List<StagedEvent> staged, Map<UUID, Long> versions) {
    return staged.stream().map(e -> e.observed() ? e
        : e.observedAt(versions.computeIfAbsent(e.aggregateId(), events::currentVersion))).toList();
  }

  /** One attempt: a fresh state and context, so a failed attempt leaves nothing behind. */
  private Decision handled(InstanceRow row, Association start, Cause<S> cause) throws Exception {
    S state = row.isNew() ? type.create() : type.readState(row.state(), json);
    SagaStep.Handled<S, StagedEvent> handled;
    try (MetadataContext.Scope scope = cause.metadata()) {
      handled = cause.apply(type, row.instance(), state, row.pending(), start, settings.clock().instant(), stager);
    }
    if (handled.state() == null) {
      throw new IllegalStateException("handler returned a null state");
    }
    SagaStep.Pending<StagedEvent> pending = handled.pending();
    InstanceRow next = new InstanceRow(row.instance(), type.writeState(handled.state(), json), row.version() + 1,
        handled.ended(), false, null, null, row.handled(), pending.deadlines(), List.copyOf(pending.associations()),
        handled.emitted(), pending.compensations(), row.deferred());
    return new Decision(next, handled.scheduled(), handled.cancelled());
  }

  /** The last attempt failed: keep the state, record the error, emit the declared compensations newest first. */
  private Decision parked(InstanceRow row, Association start, Cause<S> cause, int attempts, Exception error) {
    String report = "saga " + name + " instance " + row.instance() + " parked: " + cause.describe() + " failed "
        + attempts + " times; last error: " + error;
    LOG.error(report, error);
    String state = row.state() != null ? row.state() : type.writeState(type.create(), json);
    SagaStep.Parked<StagedEvent> parked = SagaStep.park(row.pending(), start, cause.firing());
    SagaStep.Pending<StagedEvent> pending = parked.pending();
    InstanceRow next = new InstanceRow(row.instance(), state, row.version() + 1, false, true, report, cause.id(),
        row.handled(), pending.deadlines(), List.copyOf(pending.associations()), parked.compensations(),
        pending.compensations(), row.deferred());
    return new Decision(next, List.of(), List.of());
  }

  /** After the state write: append the staged events, then remove rows nothing refers to any more. */
  private void complete(Decision decision) {
    InstanceRow next = decision.next;
    completeOutbox(next);
    for (SagaDeadline deadline : decision.cancelled) {
      store.deleteDeadline(name, settings.bucketOf(deadline.due()), deadline);
    }
  }

  /**
   * Appends an outbox left by a write (this one, or one whose process died before publishing). The mark that it is
   * appended is not waited for: a mark that never lands only makes the next step publish the outbox again, which
   * finds each event stored.
   */
  private void completeOutbox(InstanceRow row) {
    if (!row.outbox().isEmpty()) {
      publisher.publish(name, row.outbox());
      store.markPublished(name, row.instance(), row.version()).whenComplete((done, failure) -> {
        if (failure != null) {
          LOG.debug("saga {} instance {}: the outbox of version {} is appended, but not marked so: {}", name,
              row.instance(), row.version(), failure.toString());
        }
      });
    }
  }

  /** Waits for the writes; a failed one is thrown as it is (a storage failure, which the consumer retries). */
  private static void awaitAll(List<CompletableFuture<Void>> writes) {
    Futures.join(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
  }

  Optional<SagaInstance<S>> find(UUID instance) {
    return store.load(name, instance).map(this::view);
  }

  /** The instances associated with {@code property = value}: those whose state lists it, not merely its row. */
  List<SagaInstance<S>> findAssociated(String property, Object value) {
    return store.associatedWith(name, new Association(property, String.valueOf(value))).stream().map(this::view)
        .toList();
  }

  /** Up to {@code limit} parked instances, in id order. */
  List<SagaInstance<S>> findParked(int limit) {
    return store.parked(name, limit).stream().map(this::view).toList();
  }

  private SagaInstance<S> view(InstanceRow row) {
    S state;
    try {
      state = row.state() == null ? null : type.readState(row.state(), json);
    } catch (Exception e) {
      throw new IllegalStateException("saga " + name + " instance " + row.instance() + ": cannot read its state: "
          + e.getMessage(), e);
    }
    return new SagaInstance<>(name, row.instance(), state, row.version(), row.ended(), row.parked(),
        Optional.ofNullable(row.error()), Optional.ofNullable(row.parkedEvent()), row.handled(), row.deadlines(),
        row.deferred(), row.outbox().size());
  }

  /** For the deadline firer: the bucket of an instant. */
  long bucketOf(Instant instant) {
    return settings.bucketOf(instant);
  }

  Duration bucketDuration() {
    return settings.deadlineBucket();
  }
}
