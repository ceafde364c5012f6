package dev.es.runtime.saga;

import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.PermissionDeniedException;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.internal.SagaProgressListener;
import dev.es.runtime.internal.TableCreation;
import dev.es.runtime.observation.Instrumentation;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.spi.SagaType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs sagas: each saga consumes the feed as a catch-up consumer (per-shard leases and checkpoints, through a
 * {@link ProjectionRunner}) and has a deadline firer (one lease per saga). Several runners may host the same
 * sagas; only lease holders work. See {@code docs/sagas.md}.
 */
public final class SagaRunner implements AutoCloseable {

  /** What the processors share. */
  record Settings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration deadlineBucket,
      Clock clock, SagaProgressListener listener, Instrumentation instrumentation) {
    long bucketOf(Instant instant) {
      return Math.floorDiv(instant.toEpochMilli(), deadlineBucket.toMillis());
    }
  }

  private final Map<String, SagaProcessor<?>> processors = new LinkedHashMap<>();
  private final ProjectionRunner consumers;
  private final List<DeadlineFirer> firers = new ArrayList<>();
  private final SagaStore store;
  private final Clock clock;
  private final SagaGauges gauges;
  private boolean firing;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "es-saga-deadlines");
    thread.setDaemon(true);
    return thread;
  });

  private SagaRunner(Builder b) {
    CassandraEventStore events = b.feed.store();
    EventSerializer json = new EventSerializer(events.options().objectMapper());
    store = new SagaStore(b.feed.session(), events.options());
    clock = events.options().clock();
    Settings settings = new Settings(b.maxAttempts, b.firstBackoff, b.feed.options().leaseDuration().dividedBy(4),
        b.deadlineBucket, events.options().clock(), b.listener, events.options().instrumentation());
    ProjectionRunner.Builder consumers = ProjectionRunner.builder(b.feed).owner(b.owner).batchSize(b.batchSize)
        .retries(b.storageAttempts, Duration.ofMillis(100)).maxRanges(b.maxRanges);
    for (SagaType<?> added : b.types) {
      SagaType<?> type = settings.instrumentation().enabled()
          ? new InstrumentedSagaType<>(added, settings.instrumentation()) : added;
      events.registry().registerAll(type.eventTypes());
      SagaProcessor<?> processor = new SagaProcessor<>(type, store, events, json, settings);
      if (processors.put(type.name(), processor) != null) {
        throw new IllegalArgumentException("two sagas are named '" + type.name() + "'");
      }
      consumers.add(new SagaFeedConsumer(processor), b.consumerOptions);
      firers.add(new DeadlineFirer(processor, store, b.feed.leases(), b.owner, b.feed.options().pollInterval(),
          b.feed.options().renewalInterval(), b.deadlineGrace, events.options().clock()));
    }
    this.consumers = consumers.build();
    MeterRegistry meters = settings.instrumentation().meters();
    gauges = meters == null ? null : new SagaGauges(this, names(), meters);
  }

  /**
   * Creates the saga tables in the feed's keyspace if they are missing (and adds columns a newer runtime needs), and
   * waits for the cluster to agree on the schema. Idempotent; safe to run from several processes at once. Call it
   * once per keyspace before building a runner, after {@link Feed#initialize()} (which creates the tables a saga's
   * feed consumer shares with projections): {@link Builder#build()} creates no table, and fails with a
   * {@link dev.es.runtime.MissingTableException} naming this call if a saga table is missing.
   */
  public static void initialize(Feed feed) {
    String keyspace = feed.store().options().keyspace();
    try {
      for (String cql : new SagaSchema(keyspace).createStatements()) {
        TableCreation.create(feed.session(), cql);
      }
    } catch (UnauthorizedException e) {
      throw new PermissionDeniedException("cannot initialize the saga tables in keyspace " + keyspace, e);
    }
  }

  /** A runner on the feed's keyspace; its saga tables are read and written with {@link Feed#session()}. */
  public static Builder builder(Feed feed) {
    return new Builder(Objects.requireNonNull(feed, "feed"));
  }

  /**
   * Starts consuming the feed and firing deadlines for every saga. Calling it again starts the feed consumers
   * that stopped (see {@link #start(String)}); the deadline firers run once.
   */
  public synchronized SagaRunner start() {
    consumers.start();
    if (!firing) {
      firing = true;
      firers.forEach(threads::submit);
    }
    return this;
  }

  /**
   * Starts a saga's feed consumer again after it stopped at an event it could not get through (see
   * {@link #status}): from its checkpoint, so with that event. Does nothing while it runs.
   */
  public synchronized void start(String saga) {
    requireKnown(saga);
    consumers.start(SagaConsumer.nameOf(saga));
  }

  /** An instance as stored, or empty. */
  public <S> Optional<SagaInstance<S>> instance(SagaType<S> type, UUID instanceId) {
    return processor(type).find(instanceId);
  }

  /** The instances associated with a property value, ended ones included. */
  public <S> List<SagaInstance<S>> instances(SagaType<S> type, String property, Object value) {
    return processor(type).findAssociated(property, value);
  }

  /**
   * Up to {@code limit} instances of a saga that a handler parked (kept failing on an event or deadline), in id
   * order: each with its error and the event it was parked on.
   */
  public List<SagaInstance<?>> parkedInstances(String saga, int limit) {
    requireKnown(saga);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return List.copyOf(processors.get(saga).findParked(limit));
  }

  /**
   * How many of a saga's deadlines are due and not fired yet, counted up to {@code limit}: read from Cassandra, so
   * it holds whichever process fires them. More than a handful for long means the saga's deadlines are not being
   * fired (no runner holds its deadline lease, or delivering them keeps failing: see the logs).
   */
  public int dueDeadlines(String saga, int limit) {
    requireKnown(saga);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    SagaProcessor<?> processor = processors.get(saga);
    Instant now = clock.instant();
    int due = 0;
    for (long bucket : store.buckets(saga, processor.bucketOf(now))) {
      due += (int) store.due(saga, bucket, now).limit(limit - due).count();
      if (due == limit) {
        break;
      }
    }
    return due;
  }

  /** The names of the sagas this runner hosts, in the order they were added. */
  public List<String> names() {
    return List.copyOf(processors.keySet());
  }

  /** Whether a saga's feed consumer runs, stopped on storage failures, and its lag. */
  public ProjectionStatus status(String saga) {
    requireKnown(saga);
    return consumers.status(SagaConsumer.nameOf(saga));
  }

  /**
   * Splits a saga's consumption of every feed shard over {@code owners} ranges of aggregates, on a live system,
   * as {@link ProjectionRunner#split} does for a projection: each range is consumed by one runner hosting the saga
   * (see {@link Builder#maxRanges}).
   *
   * @return the layout generation now stored
   * @throws IllegalArgumentException if the runner hosts no saga of that name, or {@code owners} is out of range
   */
  public long split(String saga, int owners) {
    requireKnown(saga);
    return consumers.split(SagaConsumer.nameOf(saga), owners);
  }

  /** Feed events the saga has not consumed yet, over all shards. */
  public long lag(String saga) {
    requireKnown(saga);
    return consumers.lag(SagaConsumer.nameOf(saga));
  }

  /** Stops consuming and firing, and gives the leases up. */
  @Override
  public synchronized void close() {
    if (gauges != null) {
      gauges.remove();
    }
    firers.forEach(DeadlineFirer::stop);
    consumers.close();
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private <S> SagaProcessor<S> processor(SagaType<S> type) {
    requireKnown(type.name());
    return (SagaProcessor<S>) processors.get(type.name());
  }

  private void requireKnown(String saga) {
    if (!processors.containsKey(saga)) {
      throw new IllegalArgumentException("no saga named '" + saga + "' in this runner; known: "
          + processors.keySet());
    }
  }

  /** How to build a runner. */
  public static final class Builder {
    private final Feed feed;
    private final List<SagaType<?>> types = new ArrayList<>();
    private String owner = "saga-runner-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private int batchSize = 100;
    private ProjectionOptions consumerOptions = ProjectionOptions.defaults();
    private int maxRanges = Integer.MAX_VALUE;
    private int maxAttempts = 5;
    private Duration firstBackoff = Duration.ofMillis(100);
    private int storageAttempts = 20;
    private Duration deadlineBucket = Duration.ofMinutes(1);
    private Duration deadlineGrace = Duration.ofMinutes(5);
    private SagaProgressListener listener = SagaProgressListener.NONE;

    private Builder(Feed feed) {
      this.feed = feed;
    }

    /**
     * Hosts a saga. Any characters are allowed in its name, but not a blank one: the name keys its instances,
     * associations, deadlines and checkpoints.
     *
     * @throws IllegalArgumentException naming the name, if it is blank
     */
    public Builder add(SagaType<?> type) {
      Objects.requireNonNull(type, "type");
      String name = type.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a saga name must not be blank, was "
            + (name == null ? "null" : "'" + name + "'") + " (" + type.getClass().getName() + ")");
      }
      types.add(type);
      return this;
    }

    /** Who this runner is in the leases table; unique per runner (the default is). */
    public Builder owner(String name) {
      this.owner = name;
      return this;
    }

    /** Feed events read and handled between checkpoints. */
    public Builder batchSize(int events) {
      this.batchSize = events;
      return this;
    }

    /**
     * How many feed events of different aggregates each saga's consumer handles at once, per shard (default
     * {@value ProjectionOptions#DEFAULT_CONCURRENCY}); events of one aggregate are handled in version order. 1
     * handles each shard in feed order. See {@code docs/sagas.md} for what concurrency means for instances.
     */
    public Builder concurrency(int events) {
      this.consumerOptions = consumerOptions.withConcurrency(events);
      return this;
    }

    /**
     * The most slice ranges of one saga's feed consumer this runner works on at once (default: no limit); see
     * {@link ProjectionRunner.Builder#maxRanges}.
     */
    public Builder maxRanges(int ranges) {
      if (ranges < 1) {
        throw new IllegalArgumentException("max ranges must be at least 1, was " + ranges);
      }
      this.maxRanges = ranges;
      return this;
    }

    /** How often a failing handler is called before its instance is parked, and the first backoff. */
    public Builder retries(int attempts, Duration firstBackoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      this.firstBackoff = firstBackoff;
      return this;
    }

    /**
     * The width of a deadline time bucket (one partition per saga and bucket; default one minute) and how long
     * after its end an empty bucket is forgotten (default five minutes; must exceed the clock skew between
     * processes).
     */
    public Builder deadlineBuckets(Duration width, Duration grace) {
      if (width.toMillis() < 1) {
        throw new IllegalArgumentException("deadline bucket width must be at least 1 ms, was " + width);
      }
      this.deadlineBucket = width;
      this.deadlineGrace = grace;
      return this;
    }

    /** Not API: a listener told each saga's progress, for fault-injection tests. */
    public Builder listener(SagaProgressListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * The runner, with its statements prepared; it creates no table.
     *
     * @throws dev.es.runtime.MissingTableException if {@link Feed#initialize()} or
     *     {@link SagaRunner#initialize(Feed)} was not called on this keyspace
     */
    public SagaRunner build() {
      return new SagaRunner(this);
    }
  }
}
