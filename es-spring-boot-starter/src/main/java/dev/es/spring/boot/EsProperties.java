package dev.es.spring.boot;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.es.runtime.AppendMode;
import dev.es.runtime.projection.FailurePolicy;
import dev.es.runtime.projection.ProjectionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code es.*} properties of the starter. Every piece it configures can be switched off here, and every
 * default is the runtime's own (see {@code docs/spring-boot.md} for the full table).
 */
@ConfigurationProperties("es")
public class EsProperties {

  /** Whether the starter configures anything at all. */
  private boolean enabled = true;

  /** The keyspace of the event store, the feed, the checkpoints and the saga tables. */
  private String keyspace = "es";

  /** A name for this process in leases (who publishes a shard, who owns a projection's range). */
  private String owner;

  private final Store store = new Store();
  private final Feed feed = new Feed();
  private final Repositories repositories = new Repositories();
  private final Projections projections = new Projections();
  private final Sagas sagas = new Sagas();
  private final Metadata metadata = new Metadata();
  private final Health health = new Health();
  private final Metrics metrics = new Metrics();
  private final Tracing tracing = new Tracing();
  private final Console console = new Console();

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public String getKeyspace() { return keyspace; }
  public void setKeyspace(String keyspace) { this.keyspace = keyspace; }
  public String getOwner() { return owner; }
  public void setOwner(String owner) { this.owner = owner; }
  public Store getStore() { return store; }
  public Feed getFeed() { return feed; }
  public Repositories getRepositories() { return repositories; }
  public Projections getProjections() { return projections; }
  public Sagas getSagas() { return sagas; }
  public Metadata getMetadata() { return metadata; }
  public Health getHealth() { return health; }
  public Metrics getMetrics() { return metrics; }
  public Tracing getTracing() { return tracing; }
  public Console getConsole() { return console; }

  /** The runtime's meters, in the application's MeterRegistry. */
  public static class Metrics {
    /** Whether the runtime reports its meters (appends, loads, projections, sagas, the feed's backlog). */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  /** The runtime's observations, in the application's ObservationRegistry. */
  public static class Tracing {
    /**
     * Whether appends, loads and handlers are observed, and appended events carry the trace context in their
     * metadata, so that a projection's or saga's handler joins the trace of the command that appended its event.
     */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  /** The operator's console: the {@code esconsole} page and the {@code esadmin} operations it calls. */
  public static class Console {
    /**
     * Whether to add the console's actuator endpoints (still to be exposed with
     * {@code management.endpoints.web.exposure.include}); they are guarded by the application's own security only.
     */
    private boolean enabled = false;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  /** The event store: tables, keyspace creation, consistency and append mode. */
  public static class Store {
    /** Whether to create the keyspace if it is missing, with {@code replication}. */
    private boolean createKeyspace = true;
    /** The replication of a keyspace the store creates. */
    private final Replication replication = new Replication();
    /** The events table. */
    private String eventsTable = "events";
    /** The snapshots table. */
    private String snapshotsTable = "snapshots";
    /** Consistency of reads. */
    private DefaultConsistencyLevel readConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    /** Consistency of writes. */
    private DefaultConsistencyLevel writeConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    /** Serial consistency of conditional appends: SERIAL or LOCAL_SERIAL. */
    private DefaultConsistencyLevel serialConsistency = DefaultConsistencyLevel.LOCAL_SERIAL;
    /** CONDITIONAL (a lightweight transaction per append) or SINGLE_WRITER (plain batches, no conflicts). */
    private AppendMode appendMode = AppendMode.CONDITIONAL;
    /** How many times {@code update} retries after a concurrency conflict. */
    private int conflictRetries = 5;
    /** Snapshots kept per aggregate. */
    private int snapshotsKept = 2;
    /** Rows per page when reading a stream. */
    private int pageSize = 500;

    public boolean isCreateKeyspace() { return createKeyspace; }
    public void setCreateKeyspace(boolean createKeyspace) { this.createKeyspace = createKeyspace; }
    public Replication getReplication() { return replication; }
    public String getEventsTable() { return eventsTable; }
    public void setEventsTable(String eventsTable) { this.eventsTable = eventsTable; }
    public String getSnapshotsTable() { return snapshotsTable; }
    public void setSnapshotsTable(String snapshotsTable) { this.snapshotsTable = snapshotsTable; }
    public DefaultConsistencyLevel getReadConsistency() { return readConsistency; }
    public void setReadConsistency(DefaultConsistencyLevel level) { this.readConsistency = level; }
    public DefaultConsistencyLevel getWriteConsistency() { return writeConsistency; }
    public void setWriteConsistency(DefaultConsistencyLevel level) { this.writeConsistency = level; }
    public DefaultConsistencyLevel getSerialConsistency() { return serialConsistency; }
    public void setSerialConsistency(DefaultConsistencyLevel level) { this.serialConsistency = level; }
    public AppendMode getAppendMode() { return appendMode; }
    public void setAppendMode(AppendMode appendMode) { this.appendMode = appendMode; }
    public int getConflictRetries() { return conflictRetries; }
    public void setConflictRetries(int conflictRetries) { this.conflictRetries = conflictRetries; }
    public int getSnapshotsKept() { return snapshotsKept; }
    public void setSnapshotsKept(int snapshotsKept) { this.snapshotsKept = snapshotsKept; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
  }

  /** The replication of a keyspace the store creates: SimpleStrategy, or NetworkTopologyStrategy per data center. */
  public static class Replication {
    /** SimpleStrategy's replication factor; used when {@code datacenters} is empty. */
    private int factor = 1;
    /** NetworkTopologyStrategy: replicas per data center, e.g. {@code dc1: 3}. */
    private Map<String, Integer> datacenters = new LinkedHashMap<>();

    public int getFactor() { return factor; }
    public void setFactor(int factor) { this.factor = factor; }
    public Map<String, Integer> getDatacenters() { return datacenters; }
    public void setDatacenters(Map<String, Integer> datacenters) { this.datacenters = datacenters; }
  }

  /** The feed projections and sagas read, and its publishers. */
  public static class Feed {
    /** Whether to configure the feed (projections and sagas need it). */
    private boolean enabled = true;
    /** Whether this process runs the feed's publishers (copying appended events into the feed). */
    private boolean publishing = true;
    /** Shards of the feed: one publisher and one lease each. */
    private int shards = 1;
    /** How often an idle publisher or consumer polls. */
    private Duration pollInterval = Duration.ofMillis(50);
    /** How long a lease lasts without renewal; a dead owner's work is taken over after this. */
    private Duration leaseDuration = Duration.ofSeconds(10);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isPublishing() { return publishing; }
    public void setPublishing(boolean publishing) { this.publishing = publishing; }
    public int getShards() { return shards; }
    public void setShards(int shards) { this.shards = shards; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public Duration getLeaseDuration() { return leaseDuration; }
    public void setLeaseDuration(Duration leaseDuration) { this.leaseDuration = leaseDuration; }
    /** How long the feed keeps events, and whether this process trims it. */
    private final Retention retention = new Retention();

    public Retention getRetention() { return retention; }
  }

  /** Feed retention: removing the feed's buckets every consumer has passed (the events table keeps every event). */
  public static class Retention {
    /** Whether this process trims the feed (any number of processes may). */
    private boolean enabled = false;
    /** How long after its append an event stays in the feed at least, even once every consumer handled it. */
    private Duration keepFor = Duration.ofDays(7);
    /** How often to trim. */
    private Duration every = Duration.ofHours(1);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getKeepFor() { return keepFor; }
    public void setKeepFor(Duration keepFor) { this.keepFor = keepFor; }
    public Duration getEvery() { return every; }
    public void setEvery(Duration every) { this.every = every; }
  }

  /** The generated repositories. */
  public static class Repositories {
    /** Whether every generated repository becomes a bean. */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  /** The {@code @Projector} beans and their runner. */
  public static class Projections {
    /** Whether {@code @Projector} beans are run. */
    private boolean enabled = true;
    /** Names of projections run inline (right after each append, on the appending thread) instead of on the feed. */
    private List<String> inline = new ArrayList<>();
    /** What a catch-up projection does with an event it cannot handle: STOP there, or PARK it and go on. */
    private FailurePolicy failurePolicy = FailurePolicy.STOP;
    /** Events of different aggregates a projection handles at once on one shard. */
    private int concurrency = ProjectionOptions.DEFAULT_CONCURRENCY;
    /** Per projection name: its own failure policy and concurrency. */
    private Map<String, Projection> projection = new LinkedHashMap<>();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<String> getInline() { return inline; }
    public void setInline(List<String> inline) { this.inline = inline; }
    public FailurePolicy getFailurePolicy() { return failurePolicy; }
    public void setFailurePolicy(FailurePolicy failurePolicy) { this.failurePolicy = failurePolicy; }
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    public Map<String, Projection> getProjection() { return projection; }
    public void setProjection(Map<String, Projection> projection) { this.projection = projection; }

    /** The options of projection {@code name}: its own settings over the defaults above. */
    ProjectionOptions optionsOf(String name) {
      Projection own = projection.getOrDefault(name, new Projection());
      return new ProjectionOptions(own.concurrency != null ? own.concurrency : concurrency,
          own.failurePolicy != null ? own.failurePolicy : failurePolicy);
    }
  }

  /** One projection's own settings; unset ones take the defaults of {@code es.projections}. */
  public static class Projection {
    /** STOP or PARK. */
    private FailurePolicy failurePolicy;
    /** Events of different aggregates handled at once on one shard. */
    private Integer concurrency;

    public FailurePolicy getFailurePolicy() { return failurePolicy; }
    public void setFailurePolicy(FailurePolicy failurePolicy) { this.failurePolicy = failurePolicy; }
    public Integer getConcurrency() { return concurrency; }
    public void setConcurrency(Integer concurrency) { this.concurrency = concurrency; }
  }

  /** The {@code @Saga} beans and their runner. */
  public static class Sagas {
    /** Whether {@code @Saga} beans are run. */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  /** The metadata of events appended while handling an HTTP request. */
  public static class Metadata {
    /** Whether each HTTP request opens a metadata scope (user id, correlation id) for the events it appends. */
    private boolean enabled = true;
    /** The request header carrying the correlation id; a new one is made when it is absent. */
    private String correlationHeader = "X-Correlation-Id";

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getCorrelationHeader() { return correlationHeader; }
    public void setCorrelationHeader(String correlationHeader) { this.correlationHeader = correlationHeader; }
  }

  /** The {@code es} health indicator. */
  public static class Health {
    /** Health is DOWN when a projection's or saga's oldest unhandled event is older than this. */
    private Duration maxLag = Duration.ofMinutes(5);
    /** Whether parked events (under the PARK failure policy) make health DOWN. */
    private boolean parkedEventsDown = true;

    public Duration getMaxLag() { return maxLag; }
    public void setMaxLag(Duration maxLag) { this.maxLag = maxLag; }
    public boolean isParkedEventsDown() { return parkedEventsDown; }
    public void setParkedEventsDown(boolean parkedEventsDown) { this.parkedEventsDown = parkedEventsDown; }
  }
}
