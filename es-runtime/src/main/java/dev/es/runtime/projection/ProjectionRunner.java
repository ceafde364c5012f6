package dev.es.runtime.projection;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.feed.FeedRow;
import dev.es.runtime.feed.Lease;
import dev.es.runtime.feed.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs catch-up projections on the feed: each projection, on each feed shard, is handled by one worker that holds
 * the lease of that projection and shard, reads the feed from its checkpoint and stores the checkpoint after each
 * batch. Two runners (in two application instances) may host the same projections side by side: only the lease
 * holder handles events; the other takes over when the holder stops or dies and its lease runs out.
 *
 * <p>A handler that throws is retried with exponential backoff; after the last attempt the projection stops with a
 * {@link ProjectionFailure} (see {@link #status}), its checkpoint before the failing event: nothing is skipped.
 * It stops only if it can still store that checkpoint: while Cassandra is unreachable for the runner (the lease
 * cannot be stored either), the failure is the outage's, not the event's, and the worker retries from its
 * checkpoint every poll interval, however long the outage lasts, and goes on by itself once Cassandra is back.
 */
public final class ProjectionRunner implements AutoCloseable {

  /**
   * How the feed consumers of sagas are named: the saga {@code x} is consumed as {@code saga:x}, with the leases
   * and checkpoints {@code projection:saga:x:<shard>}. {@link Builder#add} refuses projection names starting with
   * it, so a projection never shares a saga's rows.
   */
  public static final String SAGA_CONSUMER_PREFIX = "saga:";

  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

  private final Feed feed;
  private final Leases leases;
  private final String owner;
  private final int batchSize;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final ParkedEventStore parkedStore;
  private final ParkedEvents parkedEvents;
  private final Map<String, Hosted> hosted = new LinkedHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "es-projection");
    thread.setDaemon(true);
    return thread;
  });

  private ProjectionRunner(Builder builder) {
    this.feed = builder.feed;
    this.leases = feed.leases();
    this.owner = builder.owner;
    this.batchSize = builder.batchSize;
    this.maxAttempts = builder.maxAttempts;
    this.firstBackoff = builder.firstBackoff;
    for (Added added : builder.projections) {
      if (hosted.put(added.projection().name(), new Hosted(added.projection(), added.options())) != null) {
        throw new IllegalArgumentException("two projections are named '" + added.projection().name() + "'");
      }
    }
    this.parkedStore = new ParkedEventStore(feed.store().session(), feed.store().options());
    this.parkedEvents = new ParkedEvents(parkedStore, feed.options().shards(), this::projection);
  }

  public static Builder builder(Feed feed) {
    return new Builder(feed);
  }

  /** Starts every hosted projection. */
  public synchronized ProjectionRunner start() {
    hosted.values().forEach(Hosted::start);
    return this;
  }

  /** Restarts a projection that failed or was stopped, from its checkpoint. */
  public synchronized void start(String name) {
    projection(name).start();
  }

  /** Stops a projection, keeping its checkpoint. */
  public synchronized void stop(String name) {
    projection(name).stop();
  }

  /**
   * Rebuilds a projection from position zero while the others go on: stops it, takes every shard's lease, calls
   * {@link Projection#reset()}, sets its checkpoints to zero and starts it again.
   *
   * @throws IllegalStateException if another runner holds one of its leases past the lease duration
   */
  public synchronized void rebuild(String name) throws Exception {
    Hosted projection = projection(name);
    projection.stop();
    List<Lease> held = new ArrayList<>();
    try {
      for (int shard = 0; shard < feed.options().shards(); shard++) {
        held.add(acquireWaiting(leaseName(name, shard)));
      }
      projection.projection.reset();
      for (Lease lease : held) {
        if (!leases.checkpoint(lease, 0)) {
          throw new IllegalStateException("lost lease " + lease.name() + " while rebuilding " + name);
        }
      }
    } finally {
      held.forEach(leases::release);
    }
    projection.start();
  }

  /** Where a projection stands. */
  public synchronized ProjectionStatus status(String name) {
    Hosted projection = projection(name);
    return new ProjectionStatus(name, projection.state, lag(name), Optional.ofNullable(projection.failure));
  }

  /** Events published to the feed that the projection has not handled yet, over all shards. */
  public long lag(String name) {
    projection(name);
    long lag = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      lag += Math.max(0, feed.headPosition(shard) - leases.position(leaseName(name, shard)));
    }
    return lag;
  }

  /**
   * The events parked by the projections of this runner that run with {@link FailurePolicy#PARK}: list, retry and
   * skip them.
   */
  public ParkedEvents parkedEvents() {
    return parkedEvents;
  }

  /** Stops every projection and gives their leases up. */
  @Override
  public synchronized void close() {
    hosted.values().forEach(Hosted::stop);
    threads.shutdown();
  }

  private Hosted projection(String name) {
    Hosted projection = hosted.get(name);
    if (projection == null) {
      throw new IllegalArgumentException("no projection named '" + name + "' in this runner; known: " + hosted.keySet());
    }
    return projection;
  }

  static String leaseName(String projection, int shard) {
    return "projection:" + projection + ":" + shard;
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

  /** One projection and its shard workers. */
  private final class Hosted {
    final Projection projection;
    final ProjectionOptions options;
    volatile ProjectionStatus.State state = ProjectionStatus.State.STOPPED;
    volatile ProjectionFailure failure;
    volatile boolean active;
    final List<Future<?>> workers = new ArrayList<>();

    Hosted(Projection projection, ProjectionOptions options) {
      this.projection = projection;
      this.options = options;
    }

    void start() {
      if (active) {
        return;
      }
      active = true;
      failure = null;
      state = ProjectionStatus.State.RUNNING;
      workers.clear();
      for (int shard = 0; shard < feed.options().shards(); shard++) {
        ShardWorker worker = new ShardWorker(this, shard);
        workers.add(threads.submit(worker::run));
      }
    }

    void stop() {
      active = false;
      for (Future<?> worker : workers) {
        try {
          worker.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
          LOG.warn("Projection {} worker did not stop cleanly: {}", projection.name(), e.toString());
        }
      }
      workers.clear();
      if (state == ProjectionStatus.State.RUNNING) {
        state = ProjectionStatus.State.STOPPED;
      }
    }

    void fail(ProjectionFailure cause) {
      failure = cause;
      state = ProjectionStatus.State.FAILED;
      active = false;
      LOG.error(cause.describe(), cause.cause());
    }
  }

  /** Handles one shard of one projection while it holds the lease. */
  private final class ShardWorker {
    private final Hosted hosted;
    private final int shard;
    private final String leaseName;
    private final ParkedShard parked;
    private Lease lease;
    private long position;
    private long renewAt;

    ShardWorker(Hosted hosted, int shard) {
      this.hosted = hosted;
      this.shard = shard;
      this.leaseName = leaseName(hosted.projection.name(), shard);
      this.parked = new ParkedShard(parkedStore, hosted.projection.name(), shard, feed.options().pollInterval(),
          feed.options().leaseDuration().dividedBy(2));
    }

    void run() {
      try {
        while (hosted.active) {
          try {
            if (lease == null && !acquire()) {
              pause(feed.options().pollInterval());
              continue;
            }
            if (parked.lookDue()) {
              parked.lookAndDoRequests(position, aggregate -> false, this::retry);
            }
            List<FeedRow> rows = feed.reader().rows(shard, position, batchSize);
            if (rows.isEmpty()) {
              checkpoint(position);
              pause(feed.options().pollInterval());
              continue;
            }
            handle(rows);
          } catch (RuntimeException e) {
            LOG.warn("Projection {} shard {}: {}; retrying", hosted.projection.name(), shard, e.toString());
            pause(feed.options().pollInterval());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (lease != null) {
          leases.release(lease);
        }
      }
    }

    private boolean acquire() {
      lease = leases.tryAcquire(leaseName, owner).orElse(null);
      if (lease == null) {
        return false;
      }
      position = lease.position();
      renewAt = System.nanoTime() + feed.options().leaseDuration().toNanos() / 2;
      parked.load();
      return true;
    }

    /**
     * Handles the rows of the types the projection handles, passing over the others undecoded, and the events
     * held back behind a parked event of their aggregate.
     */
    private void handle(List<FeedRow> rows) throws InterruptedException {
      long next = position;
      for (FeedRow row : rows) {
        if (!hosted.active || !stillOwned(next)) {
          break;
        }
        FeedEventRef event = row.ref();
        if (hosted.projection.handles(event.eventType()) && !parked.setAside(event)) {
          Outcome outcome = handleWithRetries(row, next);
          if (outcome == Outcome.LEASE_LOST) {
            return;
          }
          if (outcome == Outcome.STOPPED) {
            checkpoint(next);
            return;
          }
        }
        next = event.position() + 1;
      }
      if (lease != null) {
        checkpoint(next);
      }
    }

    private enum Outcome { HANDLED, PARKED, STOPPED, LEASE_LOST }

    /**
     * Decodes and handles one event, retrying the handler with backoff; after the last attempt (or at once, if the
     * event cannot be decoded: decoding again gives the same result) the projection's failure policy applies.
     */
    private Outcome handleWithRetries(FeedRow row, long next) throws InterruptedException {
      FeedEvent event;
      try {
        event = row.decode();
      } catch (RuntimeException e) {
        return failed(row.ref(), 1, e, next);
      }
      long backoff = firstBackoff.toMillis();
      for (int attempt = 1; ; attempt++) {
        try {
          hosted.projection.handle(event);
          return Outcome.HANDLED;
        } catch (Exception e) {
          if (attempt >= maxAttempts) {
            return failed(row.ref(), attempt, e, next);
          }
          LOG.warn("Projection {} failed on {} (attempt {} of {}): {}", hosted.projection.name(),
              row.ref().eventId(), attempt, maxAttempts, e.toString());
          Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
          backoff = Math.min(backoff * 2, feed.options().leaseDuration().toMillis() / 4);
          if (!stillOwned(next)) {
            return Outcome.LEASE_LOST;
          }
        }
      }
    }

    private Outcome failed(FeedEventRef event, int attempts, Exception cause, long next) {
      if (hosted.options.failurePolicy() == FailurePolicy.PARK) {
        parked.park(event, cause.toString(), attempts);
        return Outcome.PARKED;
      }
      // stop only if the checkpoint can be stored: if it cannot (it throws), Cassandra is unreachable for this
      // runner, and run() retries from the checkpoint instead of stopping on an outage
      if (checkpoint(next)) {
        hosted.fail(new ProjectionFailure(hosted.projection.name(), event, attempts, cause));
        return Outcome.STOPPED;
      }
      return Outcome.LEASE_LOST;
    }

    /** Handles a parked event again, asked for through {@link ParkedEvents#retry}. */
    private Optional<ProjectionFailure> retry(ParkedEvent parkedEvent) throws InterruptedException {
      FeedEventRef ref = parkedEvent.event();
      Optional<FeedRow> row = feed.reader().row(ref.shard(), ref.position());
      if (row.isEmpty()) {
        return Optional.of(new ProjectionFailure(hosted.projection.name(), ref, 1, new IllegalStateException(
            "the parked event is not in the feed at shard " + ref.shard() + " position " + ref.position())));
      }
      FeedEvent event;
      try {
        event = row.get().decode();
      } catch (RuntimeException e) {
        return Optional.of(new ProjectionFailure(hosted.projection.name(), ref, 1, e));
      }
      long backoff = firstBackoff.toMillis();
      for (int attempt = 1; ; attempt++) {
        try {
          hosted.projection.handle(event);
          return Optional.empty();
        } catch (Exception e) {
          if (attempt >= maxAttempts) {
            return Optional.of(new ProjectionFailure(hosted.projection.name(), ref, attempt, e));
          }
          Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
          backoff = Math.min(backoff * 2, feed.options().leaseDuration().toMillis() / 4);
        }
      }
    }

    /**
     * True while the lease is surely ours: past half its duration, the checkpoint is stored (which renews the
     * lease) before another event is handled, so a runner that lost its lease stops before handling anything.
     */
    private boolean stillOwned(long next) {
      return System.nanoTime() < renewAt || checkpoint(next);
    }

    /** Stores the checkpoint (renewing the lease); false, and the lease dropped, if it was lost. */
    private boolean checkpoint(long next) {
      if (lease == null) {
        return false;
      }
      // The events before `next` are handled: if storing the checkpoint fails (a timeout, a node down), this
      // owner goes on from `next` and stores it with its next checkpoint, instead of handling them again.
      position = next;
      if (!leases.checkpoint(lease, next)) {
        LOG.info("Projection {} shard {}: lease taken over by another runner", hosted.projection.name(), shard);
        lease = null;
        return false;
      }
      renewAt = System.nanoTime() + feed.options().leaseDuration().toNanos() / 2;
      return true;
    }

    private void pause(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }
  }

  private record Added(Projection projection, ProjectionOptions options) {}

  /** How to build a runner. */
  public static final class Builder {
    private final Feed feed;
    private final List<Added> projections = new ArrayList<>();
    private String owner = "runner-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private int batchSize = 100;
    private int maxAttempts = 5;
    private Duration firstBackoff = Duration.ofMillis(100);

    private Builder(Feed feed) {
      this.feed = feed;
    }

    /**
     * Hosts a projection. Any characters are allowed in its name (it is a bound value, never CQL), but not a blank
     * name nor one starting with {@value ProjectionRunner#SAGA_CONSUMER_PREFIX}: its checkpoints and leases would
     * be a saga's.
     *
     * @throws IllegalArgumentException naming the name, if it is blank or in the sagas' name space
     */
    public Builder add(Projection projection) {
      return add(projection, ProjectionOptions.defaults());
    }

    /**
     * Hosts a projection run with {@code options} (e.g. its failure policy); the same rules for its name as
     * {@link #add(Projection)}.
     */
    public Builder add(Projection projection, ProjectionOptions options) {
      Objects.requireNonNull(options, "options");
      String name = nameOf(projection, "projection");
      if (name.startsWith(SAGA_CONSUMER_PREFIX)) {
        throw new IllegalArgumentException("projection name '" + name + "' starts with '" + SAGA_CONSUMER_PREFIX
            + "', which is reserved for the feed consumers of sagas: its checkpoints and leases ('projection:"
            + name + ":<shard>') would be those of the saga '" + name.substring(SAGA_CONSUMER_PREFIX.length())
            + "'. Choose another name.");
      }
      projections.add(new Added(projection, options));
      return this;
    }

    /**
     * Hosts the feed consumer of a saga, named {@value ProjectionRunner#SAGA_CONSUMER_PREFIX} followed by the
     * saga's name: what {@code SagaRunner} does for each of its sagas. Applications add projections with
     * {@link #add}.
     *
     * @throws IllegalArgumentException naming the name, if it is not a saga consumer's name
     */
    public Builder addSagaConsumer(Projection consumer) {
      String name = nameOf(consumer, "saga consumer");
      if (!name.startsWith(SAGA_CONSUMER_PREFIX) || name.substring(SAGA_CONSUMER_PREFIX.length()).isBlank()) {
        throw new IllegalArgumentException("saga consumer name '" + name + "' is not '" + SAGA_CONSUMER_PREFIX
            + "' followed by a saga's name");
      }
      projections.add(new Added(consumer, ProjectionOptions.defaults()));
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

    /** Events read and handled between checkpoints. */
    public Builder batchSize(int events) {
      this.batchSize = events;
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

    public ProjectionRunner build() {
      return new ProjectionRunner(this);
    }
  }
}
