package dev.es.runtime.projection;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.Lease;
import dev.es.runtime.feed.Leases;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.observation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs catch-up projections on the feed: each projection, on each feed shard, is handled by one worker that holds
 * the lease of that projection and shard and reads the feed from its checkpoint. A worker handles events of
 * different aggregates concurrently (up to {@link ProjectionOptions#concurrency}) and the events of one aggregate
 * one after another in version order; it stores as checkpoint the lowest position not handled yet, at most every
 * {@link Builder#checkpointInterval checkpoint interval}. Two runners (in two application instances) may host the
 * same projections side by side: only the lease holder handles events; the other takes over when the holder stops
 * or dies and its lease runs out.
 *
 * <p>A handler that throws is retried with exponential backoff; after the last attempt the projection stops with a
 * {@link ProjectionFailure} (see {@link #status}), its checkpoint before the failing event: nothing is skipped.
 * An {@link Error} is not retried: the projection stops at once, with the error in its status. It stops only if it
 * can still store that checkpoint: while Cassandra is unreachable for the runner (the lease cannot be stored
 * either), the failure is the outage's, not the event's, and the worker retries from its checkpoint every poll
 * interval, however long the outage lasts, and goes on by itself once Cassandra is back.
 *
 * <p>A worker decodes only the events of the types its projection {@link Projection#handles handles}; it passes
 * over the others undecoded. An event of a handled type that cannot be decoded is not retried (decoding again
 * gives the same result) and is treated as an event the handler kept failing on. What happens then is the
 * projection's {@link ProjectionOptions#failurePolicy}: {@link FailurePolicy#STOP}, as above, or
 * {@link FailurePolicy#PARK}: the event is parked with its aggregate's later events held back behind it, the other
 * aggregates go on, and {@link #parkedEvents()} lists, retries and skips parked events.
 *
 * <p>A projection's work on each shard can be split over several owners beyond the feed's shard count, and
 * re-split on a live system: {@link #split} cuts every shard into slice ranges by aggregate, each handled by one
 * worker under a lease and checkpoint of its own, and {@link Builder#maxRanges} spreads the ranges over runners. A
 * change hands each aggregate from its old owner to its new one without losing an event or letting two owners
 * handle it at once (docs/feed.md, "Scale-out").
 */
public final class ProjectionRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

  private final Feed feed;
  private final Leases leases;
  private final String owner;
  private final ShardWorker.Settings settings;
  private final ParkedEventStore parkedStore;
  private TrimmedEventsReplay trimmedEvents;
  private final ParkedEvents parkedEvents;
  private final ConsumerLayouts layouts;
  private final ConsumerProgress progress;
  private final ConsumerControls controls;
  private final int maxRanges;
  private final Map<String, Hosted> hosted = new LinkedHashMap<>();
  private final ProjectionGauges gauges;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "es-projection");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "es-projection-controls");
    thread.setDaemon(true);
    return thread;
  });
  private boolean watching;

  private ProjectionRunner(Builder builder) {
    this.feed = builder.feed;
    this.leases = feed.leases();
    this.owner = builder.owner;
    this.parkedStore = new ParkedEventStore(feed.store().session(), feed.store().options());
    this.layouts = new ConsumerLayouts(feed.store().session(), feed.store().options());
    this.progress = new ConsumerProgress(feed);
    this.controls = new ConsumerControls(feed.store().session(), feed.store().options());
    this.maxRanges = builder.maxRanges;
    this.settings = new ShardWorker.Settings(feed, builder.owner, builder.batchSize, builder.maxAttempts,
        builder.firstBackoff, builder.checkpointInterval, parkedStore, layouts);
    this.parkedEvents = new ParkedEvents(parkedStore, feed.options().shards(), this::projection);
    for (Builder.Added added : builder.projections) {
      if (hosted.put(added.projection().name(), new Hosted(added.projection(), added.options())) != null) {
        throw new IllegalArgumentException("two projections are named '" + added.projection().name() + "'");
      }
    }
    MeterRegistry meters = feed.store().options().meterRegistry();
    this.gauges = meters == null ? null
        : new ProjectionGauges(this, names(), feed.options().shards(), meters);
  }

  public static Builder builder(Feed feed) {
    return new Builder(feed);
  }

  /**
   * Starts every hosted projection, except those an operator holds back, and watches their controls from then on
   * ({@link ProjectionControl}): every {@link dev.es.runtime.feed.FeedOptions#renewalInterval() renewal interval}
   * this runner reads them, pauses and resumes its projections accordingly, and carries out a replay an operator
   * asked for if it claims it first. The first look is made here; if Cassandra does not answer it, the projections
   * start and the next look corrects them.
   */
  public synchronized ProjectionRunner start() {
    for (Hosted projection : hosted.values()) {
      try {
        look(projection, false);
      } catch (RuntimeException e) {
        LOG.warn("Projection {}: cannot read its controls ({}); starting it, the next look corrects it",
            projection.projection.name(), e.toString());
      }
      if (!projection.heldBack) {
        projection.start();
      }
    }
    if (!watching) {
      watching = true;
      long every = feed.options().renewalInterval().toMillis();
      watcher.scheduleWithFixedDelay(this::lookAtAll, every, every, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void lookAtAll() {
    for (Hosted projection : List.copyOf(hosted.values())) {
      try {
        look(projection, true);
      } catch (Exception e) {
        LOG.warn("Projection {}: cannot read or act on its controls, trying again at the next look: {}",
            projection.projection.name(), e.toString());
      }
    }
  }

  /**
   * Reads a projection's controls (registering it the first time) and follows them: holds it back while paused or
   * while a replay is pending, carries the replay out if {@code mayReplay} and this runner claims it, starts it
   * again when resumed.
   */
  private void look(Hosted projection, boolean mayReplay) {
    String name = projection.projection.name();
    Optional<ConsumerControl> read = controls.read(name);
    if (read.isEmpty()) {
      controls.register(name);
      read = controls.read(name);
    }
    ConsumerControl control = read.orElseThrow(() -> new IllegalStateException("projection " + name
        + " is not in " + FeedOptions.CONSUMER_CONTROLS_TABLE + " after registering it"));
    Instant now = feed.store().options().clock().instant();
    if (mayReplay && control.replay().isPresent() && control.claimedUntil().isBefore(now)) {
      ReplayRequest replay = control.replay().get();
      if (controls.claim(name, replay.id(), owner, now.plus(feed.options().leaseDuration().multipliedBy(10)))) {
        carryOut(projection, replay, control.paused());
        return;
      }
    }
    synchronized (this) {
      projection.follow(control);
    }
  }

  /** Carries out a replay this runner claimed, then lets the projection go on unless it is paused. */
  private void carryOut(Hosted projection, ReplayRequest replay, boolean paused) {
    String name = projection.projection.name();
    LOG.info("Projection {}: carrying out {} requested by {} at {}", name, replay.kind(), replay.requestedBy(),
        replay.requestedAt());
    synchronized (this) {
      projection.heldBack = true;
      try {
        replay(projection, replay.kind(), replay.positions());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // the claim runs out and this runner or another tries again; the projection stays held back meanwhile
        LOG.error("Projection {}: {} requested by {} failed", name, replay.kind(), replay.requestedBy(), e);
        return;
      }
    }
    controls.done(name, replay.id());
    synchronized (this) {
      projection.heldBack = paused;
      if (!paused) {
        projection.start();
      }
    }
  }

  /**
   * Restarts a projection that failed or was stopped, from its checkpoint; one an operator holds back
   * ({@link ProjectionControl}) starts when it is resumed.
   */
  public synchronized void start(String name) {
    Hosted projection = projection(name);
    if (projection.heldBack) {
      projection.state = ProjectionStatus.State.PAUSED;
    } else {
      projection.start();
    }
  }

  /** Stops a projection, keeping its checkpoint. */
  public synchronized void stop(String name) {
    Hosted projection = projection(name);
    projection.stop();
    if (projection.state == ProjectionStatus.State.PAUSED) {
      projection.state = ProjectionStatus.State.STOPPED; // a resume must not start it again
    }
  }

  /**
   * Rebuilds a projection from position zero while the others go on: stops it, takes the lease of every shard
   * (of every range of a split projection), calls {@link Projection#reset()}, removes its parked events (the
   * replay meets them again), sets its checkpoints to zero and starts it again, unless an operator holds it back
   * ({@link ProjectionControl}). A split projection's shards move to a new layout generation with the same ranges
   * that starts at zero and takes nothing over (its old ranges' checkpoints would otherwise be passed over as
   * handled).
   *
   * @throws IllegalStateException if another runner holds one of its leases past the lease duration
   */
  public synchronized void rebuild(String name) throws Exception {
    Hosted projection = projection(name);
    replay(projection, ReplayRequest.Kind.REBUILD, ReplayRequest.everyShardFromZero(feed.options().shards()));
    if (!projection.heldBack) {
      projection.start();
    }
  }

  /**
   * Stops a projection and, under the lease of every range of each shard in {@code positions}, resets its read model
   * for a rebuild, removes the parked events the replay meets again and moves the checkpoints; it stays stopped. A
   * shard replayed from zero while retention has removed the start of the feed first gets the removed part from the
   * events table ({@link TrimmedEventsReplay}), and its checkpoints move to the shard's floor. The positions are
   * stored before the floor is read, so a trim running meanwhile sees them.
   */
  private void replay(Hosted projection, ReplayRequest.Kind kind, Map<Integer, Long> positions) throws Exception {
    String name = projection.projection.name();
    projection.stop();
    List<Lease> held = new ArrayList<>();
    Map<Lease, Integer> unsplit = new HashMap<>();
    List<Integer> split = new ArrayList<>();
    Map<Integer, Long> starts = new HashMap<>(positions);
    List<Integer> belowFloor = new ArrayList<>();
    try {
      for (Map.Entry<Integer, Long> shard : positions.entrySet()) {
        ConsumerLayout layout = layouts.current(name, shard.getKey());
        for (SliceRange range : layout.ranges()) {
          Lease lease = acquireWaiting(layout.leaseName(range));
          held.add(lease);
          checkpoint(lease, shard.getValue(), name);
          if (layout.generation() == 0) {
            unsplit.put(lease, shard.getKey());
          }
        }
        if (layout.generation() > 0) {
          split.add(shard.getKey());
        }
        long floor = feed.floors().settled(shard.getKey(), shard.getValue());
        if (shard.getValue() < floor) {
          if (shard.getValue() > 0) {
            throw new IllegalStateException("cannot replay " + name + " shard " + shard.getKey() + " from "
                + shard.getValue() + ": retention removed the feed below " + floor);
          }
          belowFloor.add(shard.getKey());
          starts.put(shard.getKey(), floor);
        }
      }
      if (kind == ReplayRequest.Kind.REBUILD) {
        projection.projection.reset();
      }
      positions.forEach((shard, from) -> parkedStore.onShard(name, shard).stream()
          .filter(parked -> parked.event().position() >= from)
          .forEach(parkedStore::remove));
      for (int shard : belowFloor) {
        trimmedEvents().replay(projection.projection, shard, settings.maxAttempts(), settings.firstBackoff(),
            () -> held.forEach(lease -> renew(lease, name)), feed.options().renewalInterval());
      }
      for (Map.Entry<Lease, Integer> lease : unsplit.entrySet()) {
        checkpoint(lease.getKey(), starts.get(lease.getValue()), name);
      }
      split.forEach(shard -> layouts.changeCurrent(name, shard, current ->
          Optional.of(current.then(current.ranges(), leases::position, OptionalLong.of(starts.get(shard))))));
    } finally {
      held.forEach(leases::release);
    }
    LOG.info("Projection {}: {} done, shards from positions {}", name, kind, starts);
  }

  private void renew(Lease lease, String projection) {
    if (!leases.renew(lease)) {
      throw new IllegalStateException("lost lease " + lease.name() + " while replaying " + projection);
    }
  }

  private void checkpoint(Lease lease, long position, String projection) {
    if (!leases.checkpoint(lease, position)) {
      throw new IllegalStateException("lost lease " + lease.name() + " while replaying " + projection);
    }
  }

  private synchronized TrimmedEventsReplay trimmedEvents() {
    if (trimmedEvents == null) {
      trimmedEvents = new TrimmedEventsReplay(feed);
    }
    return trimmedEvents;
  }

  /**
   * Splits a projection's work on every feed shard into {@code owners} ranges of equal size (by aggregate id), on
   * a live system: appends go on, the feed stays as it is. Each range is handled by one worker, in this runner or
   * another ({@link Builder#maxRanges}), under its own lease and checkpoint. The owners of the old ranges stop
   * (within half a lease duration: they read the layout when they renew their leases) after finishing the events
   * in flight; the owner of a new range starts once every old range it overlaps has stopped (or its lease has
   * expired), at the lowest of their checkpoints, and passes over what each of them handled. So no event is lost
   * and no aggregate has two owners at once; without crashes, no event is handled twice. Any runner hosting the
   * projection may call it, any number of times; a split into the ranges there are already changes nothing.
   *
   * @param owners the number of ranges per shard, 1 to {@value SliceRange#SLICES}
   * @return the layout generation now stored (the highest over the shards, should another change have run at
   *     the same time)
   * @throws IllegalArgumentException if the runner hosts no projection of that name, or {@code owners} is out of
   *     range
   */
  public long split(String name, int owners) {
    Hosted projection = projection(name);
    List<SliceRange> next = SliceRange.evenly(owners);
    long generation = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      ConsumerLayout stored = layouts.changeCurrent(name, shard, current -> current.ranges().equals(next)
          ? Optional.empty() : Optional.of(current.then(next, leases::position, OptionalLong.empty())));
      LOG.info("Projection {} shard {}: generation {}, ranges {}", name, shard, stored.generation(), stored.ranges());
      generation = Math.max(generation, stored.generation());
      projection.layoutSeen(stored);
    }
    return generation;
  }

  /** The names of the projections this runner hosts, in the order they were added. */
  public List<String> names() {
    return List.copyOf(hosted.keySet());
  }

  /**
   * Where a projection stands, with its lag per shard in events and in time, including what is appended but not
   * yet published. For monitoring: it reads each shard's publishing backlog ({@code Feed.backlog}).
   */
  public synchronized ProjectionStatus status(String name) {
    Hosted projection = projection(name);
    Instant now = feed.store().options().clock().instant();
    List<ShardLag> shards = new ArrayList<>();
    List<ShardLayout> split = new ArrayList<>();
    long total = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      ConsumerLayout layout = projection.layout(shard);
      split.add(new ShardLayout(shard, layout.generation(), layout.ranges(), projection.owned(layout)));
      ShardLag lag = progress.lag(shard, position(projection, layout), now);
      shards.add(lag);
      total += lag.events();
    }
    return new ProjectionStatus(name, projection.state, total, Optional.ofNullable(projection.failure), shards,
        split);
  }

  /**
   * Events published to the feed that the projection has not handled yet, over all shards: cheap enough to poll.
   * {@link #status} adds what is not published yet.
   */
  public long lag(String name) {
    Hosted projection = projection(name);
    long lag = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      lag += progress.publishedLag(shard, position(projection, projection.layout(shard)));
    }
    return lag;
  }

  /** The lowest unhandled position of a shard: this runner's own view of the ranges it holds, else as stored. */
  private long position(Hosted projection, ConsumerLayout layout) {
    return progress.lowestPosition(layout, range -> projection.position(layout, range));
  }

  /**
   * The events parked by the projections of this runner (those run with {@link FailurePolicy#PARK}), to list,
   * retry and skip. Its table is created when the runner is built.
   */
  public ParkedEvents parkedEvents() {
    return parkedEvents;
  }

  /** Stops every projection and gives their leases up. */
  @Override
  public synchronized void close() {
    if (gauges != null) {
      gauges.remove();
    }
    watcher.shutdownNow();
    hosted.values().forEach(Hosted::stop);
    threads.shutdown();
  }

  private Hosted projection(String name) {
    Hosted projection = hosted.get(name);
    if (projection == null) {
      throw new UnknownProjectionException(name, "in this runner", hosted.keySet());
    }
    return projection;
  }

  /** The lease, and checkpoint, of a projection's shard while it was never split. */
  static String leaseName(String projection, int shard) {
    return ConsumerLayout.leaseName(projection, shard, 0, SliceRange.ALL);
  }

  private Lease acquireWaiting(String name) throws InterruptedException {
    long deadline = System.nanoTime() + feed.options().leaseDuration().multipliedBy(2).toNanos();
    while (true) {
      Optional<Lease> lease = leases.tryAcquire(name, owner);
      if (lease.isPresent()) {
        return lease.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("lease " + name + " is held by another runner");
      }
      Thread.sleep(feed.options().pollInterval().toMillis());
    }
  }

  /**
   * One projection and its workers: one per range of each shard's current layout. {@code generation} here counts
   * the projection's starts in this runner (a restart fences the workers of the one before); a layout has a
   * generation of its own.
   */
  private final class Hosted implements ShardWorker.Host {
    private static final long NONE = -1;

    final Projection projection;
    final ProjectionOptions options;
    /** The start whose workers may work; NONE while stopped or failed. */
    final AtomicLong running = new AtomicLong(NONE);
    /** How many more ranges this runner may take (see {@link Builder#maxRanges}). */
    final Semaphore ranges;
    long generations;
    volatile ProjectionStatus.State state = ProjectionStatus.State.STOPPED;
    volatile ProjectionFailure failure;
    /** Whether an operator holds it back (paused, or a replay pending), as this runner last read its controls. */
    volatile boolean heldBack;
    // Guarded by this (not the runner: workers call in, and the runner waits for workers while holding its lock).
    final List<ShardWorker> workers = new ArrayList<>();
    /** Per shard, the newest layout this runner's workers run (or ran, until the projection starts again). */
    final Map<Integer, ConsumerLayout> knownLayouts = new HashMap<>();

    Hosted(Projection projection, ProjectionOptions options) {
      this.projection = projection;
      this.options = options;
      this.ranges = new Semaphore(maxRanges);
    }

    @Override
    public boolean running(long generation) {
      return running.get() == generation;
    }

    @Override
    public void failed(ProjectionFailure cause, long generation) {
      if (running.compareAndSet(generation, NONE)) {
        try {
          controls.failed(projection.name(), cause.describe(), owner);
        } catch (RuntimeException e) {
          LOG.warn("Projection {}: cannot store its failure for operators: {}", projection.name(), e.toString());
        }
        failure = cause;
        state = ProjectionStatus.State.FAILED;
        LOG.error(cause.describe(), cause.cause());
      }
    }

    @Override
    public boolean takeRange() {
      return ranges.tryAcquire();
    }

    @Override
    public void rangeGivenUp() {
      ranges.release();
    }

    /**
     * Asks for a catch-up of this shard and of every other shard the projection has not started on whose floor is
     * above zero: one hold-back for all of them, as a hold-back while a worker has events in flight hands the ones
     * handled above its checkpoint out again when it starts again.
     */
    @Override
    public void belowFloor(int shard) {
      try {
        Map<Integer, Long> positions = new HashMap<>();
        positions.put(shard, 0L);
        for (int other = 0; other < feed.options().shards(); other++) {
          if (other != shard && progress.lowestStoredPosition(layouts.current(projection.name(), other)) == 0
              && feed.floors().read(other).floor() > 0) {
            positions.put(other, 0L);
          }
        }
        ReplayRequest catchUp = new ReplayRequest(UUID.randomUUID(), ReplayRequest.Kind.CATCH_UP, positions,
            "runner " + owner, feed.store().options().clock().instant().truncatedTo(ChronoUnit.MILLIS),
            Optional.empty());
        if (controls.request(projection.name(), catchUp)) {
          LOG.info("Projection {} shards {}: below the feed's floor; asked for a catch-up from the events table",
              projection.name(), positions.keySet());
        }
      } catch (RuntimeException e) {
        LOG.warn("Projection {} shard {}: cannot ask for a catch-up, trying again: {}", projection.name(), shard,
            e.toString());
      }
    }

    @Override
    public void layoutSeen(ConsumerLayout layout) {
      long generation = running.get();
      if (generation != NONE) {
        launch(layout, generation, false);
      }
    }

    /**
     * Starts a worker per range of a shard's layout, unless they run already (a restart starts them anew); each
     * waits until this runner's earlier workers of the shard have left their handlers.
     */
    synchronized void launch(ConsumerLayout layout, long generation, boolean restart) {
      ConsumerLayout known = knownLayouts.get(layout.shard());
      if (running.get() != generation || !restart && known != null && known.generation() >= layout.generation()) {
        return;
      }
      knownLayouts.put(layout.shard(), layout);
      workers.removeIf(worker -> worker.done().isDone());
      CompletableFuture<Void> predecessors = CompletableFuture.allOf(workers.stream()
          .filter(worker -> worker.layout().shard() == layout.shard())
          .map(ShardWorker::done)
          .toArray(CompletableFuture[]::new));
      for (SliceRange range : layout.ranges()) {
        ShardWorker worker = new ShardWorker(settings, projection, options, layout, range, generation, this,
            predecessors);
        workers.add(worker);
        threads.execute(worker::run);
      }
    }

    /**
     * Follows the controls as read: stops while held back; starts again when no longer held back if it was held
     * back here, or failed here and an operator resumed it (which clears the stored failure). A projection the
     * application stopped stays stopped.
     */
    void follow(ConsumerControl control) {
      heldBack = control.heldBack();
      ProjectionStatus.State now = state;
      if (heldBack && now == ProjectionStatus.State.RUNNING) {
        LOG.info("Projection {}: held back ({})", projection.name(),
            control.paused() ? "paused" : "a replay is pending");
        stop();
        state = ProjectionStatus.State.PAUSED;
      } else if (!heldBack && (now == ProjectionStatus.State.PAUSED
          || now == ProjectionStatus.State.FAILED && control.failure().isEmpty())) {
        LOG.info("Projection {}: resumed", projection.name());
        start();
      }
    }

    void start() {
      if (running.get() != NONE) {
        return;
      }
      long generation = ++generations;
      failure = null;
      state = ProjectionStatus.State.RUNNING;
      running.set(generation);
      for (int shard = 0; shard < feed.options().shards(); shard++) {
        // no I/O here: a worker reads the layout first thing, in its own thread with its retries, and hands over to
        // the workers of a newer one (a projection never seen here starts as if never split)
        ConsumerLayout known;
        synchronized (this) {
          known = knownLayouts.getOrDefault(shard, ConsumerLayout.unsplit(projection.name(), shard));
        }
        launch(known, generation, true);
      }
    }

    void stop() {
      running.set(NONE);
      List<ShardWorker> stopping;
      synchronized (this) {
        stopping = List.copyOf(workers);
      }
      for (ShardWorker worker : stopping) {
        try {
          worker.done().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
          LOG.warn("Projection {} worker did not stop within 30 s (a handler still running?): {}",
              projection.name(), e.toString());
        }
      }
      if (state == ProjectionStatus.State.RUNNING) {
        state = ProjectionStatus.State.STOPPED;
      }
    }

    /**
     * A shard's layout as this runner's workers know it (they watch it), read from Cassandra only if the projection
     * never ran here: so the status and the lag read no more than before a projection is split.
     */
    ConsumerLayout layout(int shard) {
      synchronized (this) {
        ConsumerLayout known = knownLayouts.get(shard);
        if (known != null) {
          return known;
        }
      }
      return layouts.latest(projection.name(), shard);
    }

    /** The lowest unhandled position of a range as this runner's worker sees it, if it holds the lease. */
    synchronized OptionalLong position(ConsumerLayout layout, SliceRange range) {
      for (int i = workers.size() - 1; i >= 0; i--) { // the newest first
        ShardWorker worker = workers.get(i);
        if (worker.layout().shard() == layout.shard() && worker.layout().generation() == layout.generation()
            && worker.range().equals(range)) {
          OptionalLong position = worker.position();
          if (position.isPresent()) {
            return position;
          }
        }
      }
      return OptionalLong.empty();
    }

    /** The ranges of {@code layout} whose lease a worker of this runner holds. */
    List<SliceRange> owned(ConsumerLayout layout) {
      return layout.ranges().stream().filter(range -> position(layout, range).isPresent()).toList();
    }
  }

  /** How to build a runner. */
  public static final class Builder {
    private final Feed feed;
    private final List<Added> projections = new ArrayList<>();
    private String owner = "runner-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private int batchSize = 100;
    private int maxAttempts = 5;
    private Duration firstBackoff = Duration.ofMillis(100);
    private Duration checkpointInterval = Duration.ofSeconds(1);
    private int maxRanges = Integer.MAX_VALUE;

    /** A projection and how to run it. */
    private record Added(Projection projection, ProjectionOptions options) {}

    private Builder(Feed feed) {
      this.feed = feed;
    }

    /**
     * Hosts a projection. Any characters are allowed in its name (it is a bound value, never CQL), but not a blank
     * name nor one starting with {@code saga:}: its checkpoints and leases would be a saga's.
     *
     * @throws IllegalArgumentException naming the name, if it is blank or in the sagas' name space
     */
    public Builder add(Projection projection) {
      return add(projection, ProjectionOptions.defaults());
    }

    /**
     * Hosts a projection run with {@code options} (e.g. its concurrency); the same rules for its name as
     * {@link #add(Projection)}.
     *
     * @throws IllegalArgumentException naming the name, if it is blank or in the sagas' name space
     */
    public Builder add(Projection projection, ProjectionOptions options) {
      Objects.requireNonNull(options, "options");
      if (projection instanceof SagaConsumer consumer) {
        return addSagaConsumer(consumer, options);
      }
      String name = nameOf(projection, "projection");
      if (name.startsWith(SagaConsumer.NAME_PREFIX)) {
        throw new IllegalArgumentException("projection name '" + name + "' starts with '" + SagaConsumer.NAME_PREFIX
            + "', which is reserved for the feed consumers of sagas: its checkpoints and leases ('projection:"
            + name + ":<shard>') would be those of the saga '" + name.substring(SagaConsumer.NAME_PREFIX.length())
            + "'. Choose another name.");
      }
      Instrumentation instrumentation = feed.store().options().instrumentation();
      projections.add(new Added(
          instrumentation.enabled() ? new InstrumentedProjection(projection, instrumentation) : projection,
          options));
      return this;
    }

    /** Hosts a saga's feed consumer, which the saga runner instruments itself. */
    private Builder addSagaConsumer(SagaConsumer consumer, ProjectionOptions options) {
      String name = nameOf(consumer, "saga consumer");
      if (!name.startsWith(SagaConsumer.NAME_PREFIX) || name.substring(SagaConsumer.NAME_PREFIX.length()).isBlank()) {
        throw new IllegalArgumentException("saga consumer name '" + name + "' is not '" + SagaConsumer.NAME_PREFIX
            + "' followed by a saga's name");
      }
      projections.add(new Added(consumer, options));
      return this;
    }

    private static String nameOf(Projection projection, String what) {
      Objects.requireNonNull(projection, what);
      String name = projection.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a " + what + " name must not be blank, was "
            + (name == null ? "null" : "'" + name + "'") + " (" + projection.getClass().getName() + ")");
      }
      return name;
    }

    /** Who this runner is in the leases table; unique per runner (the default is). */
    public Builder owner(String name) {
      this.owner = name;
      return this;
    }

    /**
     * The most events read from the feed at once (default 100); a worker holds at most twice as many read and not
     * yet handled, and reads the next batch while the current one is being handled.
     */
    public Builder batchSize(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, was " + events);
      }
      this.batchSize = events;
      return this;
    }

    /**
     * How often at most a worker stores its checkpoint while it moves (default one second): each checkpoint is a
     * lightweight transaction. A lease is renewed a quarter of its duration after the last renewal whether the
     * checkpoint moved or not. After a crash, the events handled since the last stored checkpoint are handled
     * again.
     */
    public Builder checkpointInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("checkpoint interval must not be negative, was " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /** How many times a failing event is tried before the projection stops, and the first backoff. */
    public Builder retries(int attempts, Duration firstBackoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      this.firstBackoff = firstBackoff;
      return this;
    }

    /**
     * The most slice ranges of one projection (over all its shards) this runner works on at once (default: no
     * limit). A runner takes free ranges as it finds them, up to this number: with a projection
     * {@link ProjectionRunner#split split} into {@code n} ranges on a one-shard feed, {@code n} runners with
     * {@code maxRanges(1)} own one range each. The ranges a runner does not take are taken by the others, or by
     * this one once it has room again (e.g. after a split into fewer).
     */
    public Builder maxRanges(int ranges) {
      if (ranges < 1) {
        throw new IllegalArgumentException("max ranges must be at least 1, was " + ranges);
      }
      this.maxRanges = ranges;
      return this;
    }

    /**
     * The runner, with its statements prepared; it creates no table.
     *
     * @throws dev.es.runtime.MissingTableException if {@link Feed#initialize()} was not called on this keyspace
     */
    public ProjectionRunner build() {
      return new ProjectionRunner(this);
    }
  }
}
