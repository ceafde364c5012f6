package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.DriverException;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.feed.FeedRow;
import dev.es.runtime.feed.Lease;
import dev.es.runtime.feed.Leases;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one slice range of one shard of one projection (the whole shard unless the projection was split, see
 * {@link ConsumerLayout}) while it holds the range's lease: events of different aggregates
 * concurrently (up to {@link ProjectionOptions#concurrency}), the events of one aggregate one after another in
 * feed (= version) order, each in a {@link Lane} of its aggregate.
 *
 * <p>The worker thread reads the feed (the next batch while the current one is being handled), hands events to
 * lanes, and stores the checkpoint: the lowest position not handled yet, so a stored checkpoint never passes an
 * unhandled event. Handlers run on a pool of {@code concurrency} threads, which only call
 * {@link Projection#handleAsync}: an asynchronous handler gives its thread back at once.
 *
 * <p>Rows are decoded only for the event types the projection handles, on the handler threads; the others are
 * passed over undecoded. An event it cannot handle (its handler kept failing, or it cannot be decoded) follows the
 * projection's {@link FailurePolicy}: the worker stops there, or it parks the event with the later events of its
 * aggregate behind it ({@link ParkedShard}) and goes on. Parking, and the retries and skips asked for through
 * {@link ParkedEvents}, are done by the worker thread, under the lease.
 *
 * <p>A worker of a split projection reads the whole shard and handles only the events of its range's aggregates;
 * the others count as passed over for its checkpoint. It reads the layout when it renews its lease, at most every
 * quarter lease duration (a standby worker every half lease): once its generation is superseded, it reads no more, handles what it has read (at most
 * two batches), stores its checkpoint (then past every event it read: the successors handle nothing of it again)
 * and releases its lease. A worker of a new range starts only once every lease
 * its range takes over from is free (it takes each of them, so their checkpoints no longer move), at the lowest of
 * those checkpoints, passing over what each predecessor handled already ({@link Handover}).
 *
 * <p>A handler call starts only through the gate ({@link #gateOpen}): while this worker's generation runs, it holds
 * the lease, renewed less than half a lease duration ago, and no event has exhausted its attempts. So a runner that
 * lost its lease, or is past due for renewal, starts nothing more.
 */
final class ShardWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

  /** What a worker needs from the projection that hosts it. */
  interface Host {
    /** Whether workers of this generation may go on: false once the projection stopped, failed or restarted. */
    boolean running(long generation);

    /** The projection failed; ignored unless {@code generation} still runs. */
    void failed(ProjectionFailure failure, long generation);

    /** Whether this runner may take one more range of this projection; if true, {@link #rangeGivenUp} later. */
    boolean takeRange();

    /** A range taken with {@link #takeRange} is given up. */
    void rangeGivenUp();

    /** A worker read a layout of its shard other than its own: the runner starts workers for a newer one. */
    void layoutSeen(ConsumerLayout layout);

    /**
     * A worker was to start below the floor retention left on its shard: the runner asks for the shard's removed
     * part to be read from the events table ({@link ReplayRequest.Kind#CATCH_UP}).
     */
    void belowFloor(int shard);
  }

  /** The runner's settings a worker uses. */
  record Settings(Feed feed, String owner, int batchSize, int maxAttempts, Duration firstBackoff,
      Duration checkpointInterval, ParkedEventStore parkedEvents, ConsumerLayouts layouts) {}

  private final Settings settings;
  private final Leases leases;
  private final Projection projection;
  private final String name;
  private final int concurrency;
  private final FailurePolicy policy;
  private final ParkedShard parked;
  private final int shard;
  private final ConsumerLayout layout;
  private final SliceRange range;
  private final long generation;
  private final Host host;
  private final String leaseName;
  private final CompletableFuture<Void> predecessor;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final ThreadPoolExecutor handlers;

  // Guarded by this: the events read and not yet handled, and the lease as handler threads see it.
  private final ArrayDeque<FeedRow> buffer = new ArrayDeque<>();
  private final Map<UUID, Lane> lanes = new HashMap<>();
  private final TreeMap<Long, FeedRow> unhandled = new TreeMap<>();
  private final Set<Lane> stalled = new LinkedHashSet<>();
  /** Lanes whose first event failed under the PARK policy: the worker thread parks their events. */
  private final Set<Lane> failedLanes = new LinkedHashSet<>();
  /** Events of aggregates with parked events: the worker thread parks them behind those. */
  private final List<FeedRow> heldBack = new ArrayList<>();
  private long readPosition;
  private int executing;
  private boolean idle;
  private boolean ending;
  private Lease lease;
  private long renewedAt;
  private ProjectionFailure failure;
  /** Where this range started and what its predecessors handled: events passed over. */
  private Handover handover = Handover.of(0, Map.of());
  /** The layout moved on: the worker reads no more and ends once it has handled what it read. */
  private boolean superseded;

  // Used by the worker thread only.
  private long stored;
  private long checkpointedAt;
  private long layoutReadAt;
  /** The predecessor lease this worker was last told is held (logged once). */
  private String waitingFor;
  /** This worker holds one of the runner's ranges ({@link Host#takeRange}). */
  private boolean rangeTaken;

  ShardWorker(Settings settings, Projection projection, ProjectionOptions options, ConsumerLayout layout,
      SliceRange range, long generation, Host host, CompletableFuture<Void> predecessor) {
    this.settings = settings;
    this.leases = settings.feed().leases();
    this.projection = projection;
    this.name = projection.name();
    this.concurrency = options.concurrency();
    this.policy = options.failurePolicy();
    this.shard = layout.shard();
    this.layout = layout;
    this.range = range;
    this.parked = new ParkedShard(settings.parkedEvents(), name, shard, range,
        settings.feed().options().pollInterval(), settings.feed().options().leaseDuration().dividedBy(2));
    this.generation = generation;
    this.host = host;
    this.leaseName = layout.leaseName(range);
    // the first step reads the layout: the runner may have started this worker from an outdated one
    this.layoutReadAt = System.nanoTime() - settings.feed().options().leaseDuration().toNanos();
    this.predecessor = predecessor;
    AtomicInteger threads = new AtomicInteger();
    this.handlers = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "es-projection-" + name + "-" + shard
              + (layout.generation() == 0 ? "" : "-" + range) + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    handlers.allowCoreThreadTimeOut(true);
  }

  /** Completes once this worker has ended and no handler call of it is running any more. */
  CompletableFuture<Void> done() {
    return done;
  }

  /** The lowest position this worker has not handled, while it holds the lease; empty otherwise. */
  synchronized OptionalLong position() {
    return lease == null ? OptionalLong.empty() : OptionalLong.of(lowWatermark());
  }

  /** The shard, layout generation and range this worker handles. */
  ConsumerLayout layout() {
    return layout;
  }

  SliceRange range() {
    return range;
  }

  /** Superseded, and nothing read is left to handle (or the lease is gone). */
  private synchronized boolean drained() {
    return superseded && (lease == null || buffer.isEmpty() && unhandled.isEmpty() && executing == 0);
  }

  void run() {
    try {
      awaitPredecessor();
      int failures = 0;
      while (host.running(generation) && !drained()) {
        try {
          step();
          if (failures > 0) {
            LOG.info("Projection {} shard {}: going on after {} failed attempts", name, shard, failures);
            failures = 0;
          }
        } catch (RuntimeException e) {
          // an outage fails every step: back off, so that it is one warning per pause, not one per poll
          long pause = backoffMillis(++failures);
          LOG.warn("Projection {} shard {}: {} ({} in a row); retrying in {} ms", name, shard, e.toString(),
              failures, pause);
          Thread.sleep(pause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      host.failed(ProjectionFailure.ofWorker(name, shard, e), generation);
      LOG.error("Projection {} shard {}: the worker failed", name, shard, e);
    } finally {
      end();
    }
  }

  /**
   * Waits until the previous workers of this shard in this runner have ended, so that a restart or a new layout
   * never has two workers (the old one still inside a handler) on one aggregate. (Its leases would not tell: they
   * are this runner's own.)
   */
  private void awaitPredecessor() throws InterruptedException {
    boolean told = false;
    while (host.running(generation)) {
      try {
        predecessor.get(settings.feed().options().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        if (!told) {
          LOG.info("Projection {} shard {}: waiting for the previous worker to leave its handler", name, shard);
          told = true;
        }
      } catch (ExecutionException e) {
        return; // the previous worker's end is all that matters
      }
    }
  }

  private void step() throws InterruptedException {
    if (!holdsLease()) {
      if (System.nanoTime() - layoutReadAt >= settings.feed().options().leaseDuration().toNanos() / 2
          && watchLayout()) {
        return;
      }
      if (!acquire()) {
        pause();
        return;
      }
    }
    maintain();
    if (!holdsLease()) {
      return;
    }
    boolean read;
    long from;
    synchronized (this) {
      dispatch();
      read = failure == null && !superseded && buffer.isEmpty() && unhandled.size() < settings.batchSize();
      from = readPosition;
    }
    if (read) {
      List<FeedRow> events = settings.feed().reader().rows(shard, from, settings.batchSize());
      synchronized (this) {
        if (lease != null && readPosition == from) {
          buffer.addAll(events);
          if (!events.isEmpty()) {
            readPosition = events.get(events.size() - 1).ref().position() + 1;
          }
          idle = events.isEmpty();
          dispatch();
        }
      }
    }
    boolean caughtUp;
    synchronized (this) {
      caughtUp = idle;
      boolean canRead = failure == null && !superseded && buffer.isEmpty()
          && unhandled.size() < settings.batchSize();
      if (!caughtUp && !canRead) {
        wait(settings.feed().options().pollInterval().toMillis()); // until a handler call ends
      }
    }
    if (caughtUp) {
      pause(); // not woken by handler calls ending: nothing new to read before the next poll
    }
  }

  private synchronized boolean holdsLease() {
    return lease != null;
  }

  /**
   * Takes the range's lease if the runner may take one more range and it is free; then, if the layout is still
   * this worker's and every predecessor's lease is free, starts at the {@link Handover} position (stored at once,
   * which also shows the range started to a later change of the layout, and to a trim of the feed) unless that is
   * below the shard's floor: then the runner is told, and the lease given up.
   */
  private boolean acquire() throws InterruptedException {
    if (!host.takeRange()) {
      return false;
    }
    rangeTaken = true;
    Optional<Lease> acquired = Optional.empty();
    try {
      acquired = leases.tryAcquire(leaseName, settings.owner());
      if (acquired.isEmpty() || layoutMovedOn(true)) {
        return false; // a superseded worker that took its lease hands nothing: the successors may have started
      }
      Optional<Handover> takenOver = handover(acquired.get());
      if (takenOver.isEmpty()) {
        return false;
      }
      long start = takenOver.get().start();
      if (start > acquired.get().position() && !leases.checkpoint(acquired.get(), start)) {
        return false;
      }
      if (start < settings.feed().floors().settled(shard, start)) {
        LOG.info("Projection {} shard {}: starts at {}, below the feed's floor; asking for a catch-up", name, shard,
            start);
        host.belowFloor(shard);
        return false;
      }
      parked.load();
      synchronized (this) {
        lease = acquired.get();
        handover = takenOver.get();
        renewedAt = System.nanoTime();
        readPosition = start;
        idle = false;
      }
      stored = start;
      checkpointedAt = System.nanoTime();
      acquired = Optional.empty();
      return true;
    } finally {
      try {
        if (acquired.isPresent()) {
          leases.release(acquired.get());
        }
      } finally {
        if (!holdsLease()) {
          giveRangeUp();
        }
      }
    }
  }

  /**
   * What this range takes over from, once every lease it waits for is free: it takes each (so no old owner
   * handles or checkpoints any more) to read the checkpoints, and gives them up again. Empty while one is held.
   */
  private Optional<Handover> handover(Lease own) {
    if (layout.generation() == 0) {
      return Optional.of(Handover.of(own.position(), Map.of()));
    }
    List<Lease> taken = new ArrayList<>();
    try {
      Map<String, Long> checkpoints = new HashMap<>();
      Map<SliceRange, Long> handled = new HashMap<>();
      for (ConsumerLayout.Predecessor before : layout.predecessors(range)) {
        for (String waited : before.waitFor()) {
          if (checkpoints.containsKey(waited)) {
            continue;
          }
          Optional<Lease> free = leases.tryAcquire(waited, settings.owner());
          if (free.isEmpty()) {
            if (!waited.equals(waitingFor)) {
              waitingFor = waited;
              LOG.info("Projection {} shard {} range {}: waiting for lease {} to be released or to expire", name,
                  shard, range, waited);
            }
            return Optional.empty();
          }
          taken.add(free.get());
          checkpoints.put(waited, free.get().position());
        }
        String lease = before.checkpointLease();
        long checkpoint = lease.isEmpty() ? 0 : checkpoints.computeIfAbsent(lease, leases::position);
        handled.put(before.range(), before.handledBelow(checkpoint));
      }
      Handover handover = Handover.of(own.position(), handled);
      LOG.info("Projection {} shard {} range {} (generation {}) starts at {}", name, shard, range,
          layout.generation(), handover.start());
      return Optional.of(handover);
    } finally {
      taken.forEach(leases::release);
    }
  }

  /**
   * Reads the layout: true (and the worker ends, the runner told) if its generation is no longer this worker's.
   * Right after taking its lease the read is the serial one, so a worker that took its lease after a change sees
   * the change; watching, a plain read is enough (a change seen a moment late only delays the hand-over).
   */
  private boolean layoutMovedOn(boolean serial) {
    ConsumerLayout now = serial ? settings.layouts().current(name, shard) : settings.layouts().latest(name, shard);
    layoutReadAt = System.nanoTime();
    if (now.generation() == layout.generation()) {
      return false;
    }
    boolean holding;
    synchronized (this) {
      superseded = true;
      holding = lease != null;
    }
    if (holding) {
      LOG.info("Projection {} shard {} range {}: generation {} replaced by {} {}; handing over", name, shard, range,
          layout.generation(), now.generation(), now.ranges());
    }
    host.layoutSeen(now);
    return true;
  }

  /**
   * Looks whether the layout moved on, unless it did already. A failed read is logged and tried again at the next
   * renewal: it delays a hand-over, nothing else.
   */
  private boolean watchLayout() {
    if (superseded()) {
      return true;
    }
    try {
      return layoutMovedOn(false);
    } catch (RuntimeException e) {
      layoutReadAt = System.nanoTime();
      LOG.warn("Projection {} shard {} range {}: cannot read the layout: {}", name, shard, range, e.toString());
      return false;
    }
  }

  private synchronized boolean superseded() {
    return superseded;
  }

  private void giveRangeUp() {
    if (rangeTaken) {
      rangeTaken = false;
      host.rangeGivenUp();
    }
  }

  /**
   * Stores the checkpoint when it is due: at most every checkpoint interval, only if it moved, and a quarter of a
   * lease duration after the last renewal in any case (the gate closes at half), which renews the lease. Then goes
   * on with lanes that waited for the renewal, or stops at an event that exhausted its attempts. Parks what is to
   * be parked first, so the checkpoint can pass it, and does the retries and skips asked for when it is time to
   * look for them.
   */
  private void maintain() throws InterruptedException {
    park();
    ProjectionFailure failed;
    long low;
    long renewed;
    synchronized (this) {
      failed = failure;
      low = lowWatermark();
      renewed = renewedAt;
    }
    if (failed != null) {
      stopAt(failed, low);
      return;
    }
    long now = System.nanoTime();
    long quarterLease = settings.feed().options().renewalInterval().toNanos();
    boolean moved = low != stored;
    boolean due = now - renewed >= quarterLease
        || moved && now - checkpointedAt >= settings.checkpointInterval().toNanos();
    if (due) {
      try {
        if (!checkpoint(low)) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warn("Projection {} shard {}: cannot store checkpoint {}: {}", name, shard, low, e.toString());
      }
      if (System.nanoTime() - layoutReadAt >= quarterLease) {
        watchLayout(); // then reads no more if it moved on; the loop ends once what was read is handled
      }
    }
    synchronized (this) {
      if (gateOpen() && !stalled.isEmpty()) {
        List<Lane> waiting = List.copyOf(stalled);
        stalled.clear();
        waiting.forEach(this::startHead);
      }
    }
    if (holdsLease() && parked.lookDue()) {
      parked.lookAndDoRequests(stored, this::busy, this::retryParked);
    }
  }

  /**
   * Writes the events to park to the table, then lets the checkpoint pass them: the first event of each failed lane
   * with its failure, the lane's other events and the held-back ones behind the parked events of their aggregate.
   * If Cassandra refuses a write, they stay unhandled (the checkpoint stays before them) and the next step tries
   * again; parking twice is harmless.
   */
  private void park() {
    List<Lane> failed;
    List<FeedRow> held;
    synchronized (this) {
      failed = List.copyOf(failedLanes);
      held = List.copyOf(heldBack);
    }
    for (Lane lane : failed) {
      List<FeedRow> events;
      synchronized (this) {
        events = List.copyOf(lane.events); // only this thread adds to a lane, and no handler runs a failed one
      }
      parked.park(events.get(0).ref(), lane.failure.toString(), lane.attempts);
      events.subList(1, events.size()).forEach(row -> parked.setAside(row.ref()));
      synchronized (this) {
        failedLanes.remove(lane);
        lanes.remove(lane.aggregate);
        events.forEach(row -> unhandled.remove(row.ref().position()));
        notifyAll();
      }
    }
    for (FeedRow row : held) {
      parked.setAside(row.ref());
      synchronized (this) {
        heldBack.remove(row);
        unhandled.remove(row.ref().position());
      }
    }
  }

  /** Whether events of an aggregate are being handled or waiting to be parked: its parked events must wait. */
  private synchronized boolean busy(UUID aggregate) {
    return lanes.containsKey(aggregate)
        || heldBack.stream().anyMatch(row -> row.ref().aggregateId().equals(aggregate));
  }

  /**
   * On the worker thread: handles a parked event again, as asked through {@link ParkedEvents#retry}, with the
   * runner's retries. Renews the lease as it goes; throws if the lease was lost, which leaves the request for the
   * next owner.
   */
  private Optional<ProjectionFailure> retryParked(ParkedEvent parkedEvent) throws InterruptedException {
    FeedEventRef ref = parkedEvent.event();
    FeedEvent event;
    try {
      event = settings.feed().reader().row(ref.shard(), ref.position())
          .orElseThrow(() -> new IllegalStateException("the parked event is not in the feed at shard "
              + ref.shard() + " position " + ref.position()))
          .decode();
    } catch (RuntimeException e) {
      return Optional.of(new ProjectionFailure(name, ref, 1, e));
    }
    long backoff = settings.firstBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      renewIfDue();
      Throwable cause;
      try {
        Objects.requireNonNull(projection.handleAsync(event), "handleAsync returned null").toCompletableFuture().get();
        return Optional.empty();
      } catch (ExecutionException e) {
        cause = e.getCause() == null ? e : e.getCause();
      } catch (RuntimeException e) {
        cause = e;
      }
      if (cause instanceof Error error) {
        throw error; // fails the projection visibly, as in a lane
      }
      if (attempt >= settings.maxAttempts()) {
        return Optional.of(new ProjectionFailure(name, ref, attempt, cause));
      }
      Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
      backoff = Math.min(backoff * 2, settings.feed().options().leaseDuration().toMillis() / 4);
    }
  }

  /** Renews the lease (storing the checkpoint) if a quarter of its duration has passed; throws if it was lost. */
  private void renewIfDue() throws InterruptedException {
    long low;
    long renewed;
    synchronized (this) {
      low = lowWatermark();
      renewed = renewedAt;
    }
    if (System.nanoTime() - renewed >= settings.feed().options().renewalInterval().toNanos()
        && !checkpoint(low)) {
      throw new IllegalStateException("lost the lease " + leaseName + " while retrying parked events");
    }
  }

  /**
   * Stores {@code low} with the lease's conditional update, which also renews the lease; false (and the lease
   * and all work dropped) if another runner took the lease over. Throws if it cannot be stored (e.g. Cassandra is
   * unreachable): the checkpoint and the lease stay as they were.
   */
  private boolean checkpoint(long low) throws InterruptedException {
    Lease held;
    synchronized (this) {
      held = lease;
    }
    long before = System.nanoTime();
    if (!leases.checkpoint(held, low)) {
      LOG.info("Projection {} shard {}: lease {} taken over by another runner", name, shard, leaseName);
      dropWork(OptionalLong.empty());
      giveRangeUp();
      return false;
    }
    stored = low;
    checkpointedAt = before;
    synchronized (this) {
      renewedAt = before;
    }
    return true;
  }

  /**
   * An event exhausted its attempts: the projection stops there if its checkpoint (before the event) can be
   * stored. If it cannot, Cassandra is unreachable for this runner: that is the outage's failure, not the event's,
   * and the worker goes on from the checkpoint once it can store it again.
   */
  private void stopAt(ProjectionFailure failed, long low) throws InterruptedException {
    try {
      if (checkpoint(low)) {
        host.failed(failed, generation);
      }
    } catch (RuntimeException e) {
      LOG.warn("Projection {} shard {}: {} and the checkpoint {} cannot be stored ({}): waiting out the outage",
          name, shard, failed.describe(), low, e.toString());
      dropWork(OptionalLong.of(low));
      pause();
    }
  }

  /**
   * Waits for the running handler calls, then forgets every event read: from {@code from} on when the lease is
   * kept, or with the lease when it was lost (the next owner goes on from the stored checkpoint).
   */
  private void dropWork(OptionalLong from) throws InterruptedException {
    synchronized (this) {
      Lease held = lease;
      lease = null; // closes the gate while the handlers drain
      while (executing > 0) {
        wait();
      }
      buffer.clear();
      lanes.clear();
      unhandled.clear();
      stalled.clear();
      failedLanes.clear();
      heldBack.clear();
      failure = null;
      idle = false;
      if (from.isPresent()) {
        lease = held;
        readPosition = from.getAsLong();
      }
    }
  }

  /** Ends the worker: no more handler calls, the running ones finished, the last checkpoint stored, lease freed. */
  private void end() {
    boolean interrupted = false;
    try {
      Lease held;
      long low;
      synchronized (this) {
        ending = true;
        while (executing > 0) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true; // still wait: the worker is done only when its calls have returned
          }
        }
        held = lease;
        low = lowWatermark();
        lease = null; // an ended worker reports no position: its successor (or the stored checkpoint) does
      }
      if (held != null) {
        try {
          if (low != stored) {
            leases.checkpoint(held, low);
          }
          leases.release(held);
        } catch (RuntimeException e) {
          LOG.warn("Projection {} shard {}: cannot store the last checkpoint {} or release the lease: {}", name,
              shard, low, e.toString());
        }
      }
      giveRangeUp();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      handlers.shutdown();
      // a worker that ended while still waiting for its predecessor is done only when that one is
      predecessor.whenComplete((ignored, error) -> done.complete(null));
    }
  }

  /** The lowest position not handled yet: the stored checkpoint never passes it. */
  private long lowWatermark() {
    long next = buffer.isEmpty() ? readPosition : buffer.peekFirst().ref().position();
    return unhandled.isEmpty() ? next : Math.min(unhandled.firstKey(), next);
  }

  /**
   * Hands the events read to the lanes of their aggregates, in feed order, passing over (undecoded) the types the
   * projection does not handle. An event of an aggregate with parked events is held back for the worker thread to
   * park behind them. An event of an aggregate without a lane waits while {@code concurrency} lanes are busy.
   */
  private void dispatch() {
    while (!buffer.isEmpty() && failure == null) {
      FeedRow row = buffer.peekFirst();
      FeedEventRef event = row.ref();
      if (!projection.handles(event.eventType()) || !range.contains(event.aggregateId())
          || handover.handledBefore(event.aggregateId(), event.position())) {
        buffer.pollFirst(); // another range's, or handled by the owner this range took over from
        continue;
      }
      if (parked.holdsBack(event)) {
        // a lane of the aggregate may still be handling versions before the parked ones (a redelivery)
        buffer.pollFirst();
        heldBack.add(row);
        unhandled.put(event.position(), row);
        continue;
      }
      UUID aggregate = event.aggregateId();
      Lane lane = lanes.get(aggregate);
      if (lane == null) {
        if (lanes.size() >= concurrency) {
          return;
        }
        lane = new Lane(aggregate, settings.firstBackoff().toMillis());
        lanes.put(aggregate, lane);
      }
      buffer.pollFirst();
      lane.events.addLast(row);
      unhandled.put(event.position(), row);
      if (!lane.busy) {
        startHead(lane);
      }
    }
  }

  private boolean gateOpen() {
    return lease != null && !ending && failure == null && host.running(generation)
        && System.nanoTime() - renewedAt < settings.feed().options().leaseDuration().toNanos() / 2;
  }

  /** Starts (another attempt at) a lane's first event, or parks the lane until the gate opens again. */
  private void startHead(Lane lane) {
    if (lanes.get(lane.aggregate) != lane || lane.busy || lane.failure != null || lane.events.isEmpty()) {
      return; // a lane of work dropped meanwhile, one already going, or one to be parked
    }
    if (!gateOpen()) {
      stalled.add(lane);
      return;
    }
    FeedRow row = lane.events.peekFirst();
    lane.busy = true;
    lane.attempts++;
    executing++;
    handlers.execute(() -> call(lane, row));
  }

  /**
   * On a handler thread: one attempt at one event, decoded first. A decoding failure is not retried: decoding
   * again gives the same result until this process learns the type or revision. Cassandra failing to answer while
   * decoding (reading a data subject's key) is retried like a handler's failure.
   */
  private void call(Lane lane, FeedRow row) {
    FeedEvent event;
    try {
      event = row.decode();
    } catch (DriverException e) {
      finished(lane, row, e, true);
      return;
    } catch (RuntimeException e) {
      finished(lane, row, e, false);
      return;
    } catch (Throwable e) {
      finished(lane, row, e, true);
      return;
    }
    CompletionStage<Void> stage;
    try {
      stage = Objects.requireNonNull(projection.handleAsync(event), "handleAsync returned null");
    } catch (Throwable e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((ignored, error) -> finished(lane, row, error, true));
  }

  private synchronized void finished(Lane lane, FeedRow row, Throwable error, boolean retryable) {
    executing--;
    notifyAll();
    try {
      lane.busy = false;
      if (lanes.get(lane.aggregate) != lane) {
        return;
      }
      if (error == null) {
        lane.events.pollFirst();
        lane.attempts = 0;
        lane.backoff = settings.firstBackoff().toMillis();
        unhandled.remove(row.ref().position());
        if (lane.events.isEmpty()) {
          lanes.remove(lane.aggregate);
        } else {
          startHead(lane);
        }
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof Error || !retryable || lane.attempts >= settings.maxAttempts()) {
        exhausted(lane, row, cause);
        return;
      }
      LOG.warn("Projection {} failed on {} (attempt {} of {}): {}", name, row.ref().describe(),
          lane.attempts, settings.maxAttempts(), cause.toString());
      long delay = lane.backoff + ThreadLocalRandom.current().nextLong(lane.backoff / 2 + 1);
      lane.backoff = Math.min(lane.backoff * 2, settings.feed().options().leaseDuration().toMillis() / 4);
      lane.busy = true;
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> retry(lane));
    } catch (Throwable e) {
      // the bookkeeping itself failed (e.g. out of memory): stop rather than leave a lane stuck behind RUNNING
      if (failure == null) {
        failure = ProjectionFailure.ofWorker(name, shard, e);
      }
    }
  }

  private synchronized void retry(Lane lane) {
    lane.busy = false;
    startHead(lane);
  }

  /**
   * What happens to an event that exhausted its attempts, could not be decoded, or whose handler threw an
   * {@link Error} (which is not retried). Under {@link FailurePolicy#STOP}, and for an {@code Error} under any
   * policy, the projection stops at it: the event stays at the head of its lane, so nothing after it of its
   * aggregate is handled, and the checkpoint stays before it; no handler call starts any more, and the worker
   * thread stores the checkpoint and reports the failure ({@link #stopAt}). Under {@link FailurePolicy#PARK}, the
   * lane stops and the worker thread parks its events ({@link #park}); the other lanes go on.
   */
  private void exhausted(Lane lane, FeedRow row, Throwable cause) {
    if (policy == FailurePolicy.PARK && !(cause instanceof Error)) {
      lane.failure = cause;
      failedLanes.add(lane);
      return;
    }
    if (failure == null) {
      failure = new ProjectionFailure(name, row.ref(), lane.attempts, cause);
    }
  }

  private void pause() throws InterruptedException {
    Thread.sleep(settings.feed().options().pollInterval().toMillis());
  }

  /** The poll interval, doubled with each failed step in a row, up to a quarter of the lease duration. */
  private long backoffMillis(int failures) {
    long poll = settings.feed().options().pollInterval().toMillis();
    long max = Math.max(poll, settings.feed().options().leaseDuration().toMillis() / 4);
    return Math.min(max, poll << Math.min(failures - 1, 20));
  }

  /** The events of one aggregate read and not yet handled, handled one at a time, first to last. */
  private static final class Lane {
    final UUID aggregate;
    final ArrayDeque<FeedRow> events = new ArrayDeque<>();
    /** A handler call or a retry's backoff is in progress for the first event. */
    boolean busy;
    int attempts;
    long backoff;
    /** Why the first event is to be parked, under the PARK policy; then no attempt starts any more. */
    Throwable failure;

    Lane(UUID aggregate, long firstBackoff) {
      this.aggregate = aggregate;
      this.backoff = firstBackoff;
    }
  }
}
