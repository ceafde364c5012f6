package dev.es.runtime;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.internal.CqlIdentifiers;
import dev.es.runtime.observation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a {@link CassandraEventStore} names, creates and reads its tables. Built with {@link #builder()}; every
 * name is validated when {@link Builder#build()} runs, before any CQL could be sent.
 */
public final class EventStoreOptions {

  /**
   * Default size limit of one append. Cassandra's {@code batch_size_fail_threshold} (default 50 KiB) applies to
   * batches over several partitions only; an append is one partition, limited by {@code max_mutation_size}
   * (half of {@code commitlog_segment_size}: 16 MiB by default). 1 MiB keeps appends far below that and keeps
   * Paxos rounds and partitions healthy.
   */
  public static final long DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

  /** Table names longer than this would make the derived index names exceed Cassandra's 48 characters. */
  static final int MAX_TABLE_NAME_LENGTH = CqlIdentifiers.MAX_LENGTH - "_event_type_idx".length();

  private final String keyspace;
  private final String eventsTable;
  private final String snapshotsTable;
  private final String subjectKeysTable;
  private final String subjectStreamsTable;
  private final int subjectKeyCacheSize;
  private final Duration subjectKeyCacheTtl;
  private final boolean createKeyspace;
  private final Replication replication;
  private final ConsistencyLevel readConsistency;
  private final ConsistencyLevel writeConsistency;
  private final ConsistencyLevel serialConsistency;
  private final int snapshotsKept;
  private final int pageSize;
  private final long maxBatchBytes;
  private final int conflictRetries;
  private final PageListener pageListener;
  private final Executor snapshotExecutor;
  private final Clock clock;
  private final ObjectMapper objectMapper;
  private final AppendMode appendMode;
  private final MeterRegistry meterRegistry;
  private final ObservationRegistry observationRegistry;
  private final Instrumentation instrumentation;

  private EventStoreOptions(Builder b) {
    this.keyspace = CqlIdentifiers.requireValid("keyspace", b.keyspace, CqlIdentifiers.MAX_LENGTH);
    this.eventsTable = CqlIdentifiers.requireValid("events table", b.eventsTable, MAX_TABLE_NAME_LENGTH);
    this.snapshotsTable = CqlIdentifiers.requireValid("snapshots table", b.snapshotsTable, MAX_TABLE_NAME_LENGTH);
    if (eventsTable.equals(snapshotsTable)) {
      throw new InvalidIdentifierException("events and snapshots tables must differ, both are '" + eventsTable + "'");
    }
    this.subjectKeysTable = CqlIdentifiers.requireValid("subject keys table", b.subjectKeysTable,
        CqlIdentifiers.MAX_LENGTH);
    this.subjectStreamsTable = CqlIdentifiers.requireValid("subject streams table", b.subjectStreamsTable,
        CqlIdentifiers.MAX_LENGTH);
    requireDistinct(eventsTable, snapshotsTable, subjectKeysTable, subjectStreamsTable, archiveTable(),
        closedStreamsTable());
    this.subjectKeyCacheSize = requireAtLeast("subjectKeyCacheSize", b.subjectKeyCacheSize, 1);
    this.subjectKeyCacheTtl = requirePositive("subjectKeyCacheTtl", b.subjectKeyCacheTtl);
    this.createKeyspace = b.createKeyspace;
    this.replication = b.replication;
    this.readConsistency = b.readConsistency;
    this.writeConsistency = b.writeConsistency;
    this.serialConsistency = requireSerial(b.serialConsistency);
    this.snapshotsKept = requireAtLeast("snapshotsKept", b.snapshotsKept, 1);
    this.pageSize = requireAtLeast("pageSize", b.pageSize, 1);
    this.maxBatchBytes = requireAtLeast("maxBatchBytes", b.maxBatchBytes, 1);
    this.conflictRetries = requireAtLeast("conflictRetries", b.conflictRetries, 0);
    this.pageListener = b.pageListener;
    this.snapshotExecutor = b.snapshotExecutor;
    this.clock = b.clock;
    this.objectMapper = b.objectMapper;
    this.appendMode = b.appendMode;
    this.meterRegistry = b.meterRegistry;
    this.observationRegistry = b.observationRegistry;
    this.instrumentation = Instrumentation.of(b.meterRegistry, b.observationRegistry);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static ConsistencyLevel requireSerial(ConsistencyLevel level) {
    if (!level.isSerial()) {
      throw new IllegalArgumentException("serial consistency must be SERIAL or LOCAL_SERIAL, was " + level);
    }
    return level;
  }

  private static void requireDistinct(String... tables) {
    for (int i = 0; i < tables.length; i++) {
      for (int j = i + 1; j < tables.length; j++) {
        if (tables[i].equals(tables[j])) {
          throw new InvalidIdentifierException("the store's tables must have different names, two are '"
              + tables[i] + "'");
        }
      }
    }
  }

  private static Duration requirePositive(String what, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return value;
  }

  private static int requireAtLeast(String what, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be at least " + min + ", was " + value);
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  public String keyspace() { return keyspace; }
  public String eventsTable() { return eventsTable; }
  public String snapshotsTable() { return snapshotsTable; }
  /** Where {@link StreamArchiver} moves the events of closed streams: the events table's name + {@code _archive}. */
  public String archiveTable() { return eventsTable + "_archive"; }
  /** The closed streams by the day they were closed: the events table's name + {@code _closed}. */
  public String closedStreamsTable() { return eventsTable + "_closed"; }
  public String subjectKeysTable() { return subjectKeysTable; }
  public String subjectStreamsTable() { return subjectStreamsTable; }
  /** Most subject keys (and as many recorded subject streams) a store keeps in memory. */
  public int subjectKeyCacheSize() { return subjectKeyCacheSize; }
  /** How long a store uses a subject key it read before reading it again. */
  public Duration subjectKeyCacheTtl() { return subjectKeyCacheTtl; }
  public boolean createKeyspace() { return createKeyspace; }
  public Replication replication() { return replication; }
  public ConsistencyLevel readConsistency() { return readConsistency; }
  public ConsistencyLevel writeConsistency() { return writeConsistency; }
  public ConsistencyLevel serialConsistency() { return serialConsistency; }
  public int snapshotsKept() { return snapshotsKept; }
  public int pageSize() { return pageSize; }
  public long maxBatchBytes() { return maxBatchBytes; }
  public int conflictRetries() { return conflictRetries; }
  public PageListener pageListener() { return pageListener; }
  public Executor snapshotExecutor() { return snapshotExecutor; }
  public Clock clock() { return clock; }
  public ObjectMapper objectMapper() { return objectMapper; }
  public AppendMode appendMode() { return appendMode; }
  /** The registry of the runtime's meters, or null. */
  public MeterRegistry meterRegistry() { return meterRegistry; }
  /** The registry of the runtime's observations (traces), or null. */
  public ObservationRegistry observationRegistry() { return observationRegistry; }
  /** The metrics and observations of the store and of everything built on it. */
  public Instrumentation instrumentation() { return instrumentation; }

  public static final class Builder {
    private String keyspace;
    private String eventsTable = "events";
    private String snapshotsTable = "snapshots";
    private String subjectKeysTable = "subject_keys";
    private String subjectStreamsTable = "subject_streams";
    private int subjectKeyCacheSize = 10_000;
    private Duration subjectKeyCacheTtl = Duration.ofMinutes(1);
    private boolean createKeyspace;
    private Replication replication = Replication.simple(1);
    private ConsistencyLevel readConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    private ConsistencyLevel writeConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    private ConsistencyLevel serialConsistency = DefaultConsistencyLevel.LOCAL_SERIAL;
    private int snapshotsKept = 2;
    private int pageSize = 500;
    private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private int conflictRetries = 5;
    private PageListener pageListener = PageListener.NONE;
    private Executor snapshotExecutor = Runnable::run;
    private Clock clock = Clock.systemUTC();
    private ObjectMapper objectMapper = EventSerializer.defaultObjectMapper();
    private AppendMode appendMode = AppendMode.CONDITIONAL;
    private MeterRegistry meterRegistry;
    private ObservationRegistry observationRegistry;

    private Builder() {}

    /** Required: the keyspace holding the tables. */
    public Builder keyspace(String name) { this.keyspace = name; return this; }

    public Builder eventsTable(String name) { this.eventsTable = name; return this; }

    public Builder snapshotsTable(String name) { this.snapshotsTable = name; return this; }

    /** The table of the data subjects' keys (see {@code @PersonalData}). Default {@code subject_keys}. */
    public Builder subjectKeysTable(String name) { this.subjectKeysTable = name; return this; }

    /**
     * The table listing, per data subject, the aggregates holding its personal data (their snapshots are deleted
     * when it is forgotten). Default {@code subject_streams}.
     */
    public Builder subjectStreamsTable(String name) { this.subjectStreamsTable = name; return this; }

    /**
     * Most subject keys a store keeps in memory, the least recently used dropped first; the same bound applies to
     * the (subject, aggregate) pairs it remembers having listed. Default 10,000 (a key takes about 200 bytes).
     */
    public Builder subjectKeyCacheSize(int keys) { this.subjectKeyCacheSize = keys; return this; }

    /**
     * How long a store uses a subject key it read before reading it again. Bounds how long another process can
     * still decrypt (and encrypt with) the key of a subject forgotten elsewhere. Default one minute.
     */
    public Builder subjectKeyCacheTtl(Duration ttl) {
      this.subjectKeyCacheTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /** Let {@code initialize()} create the keyspace too, with this replication. Off by default. */
    public Builder createKeyspace(Replication replication) {
      this.createKeyspace = true;
      this.replication = Objects.requireNonNull(replication, "replication");
      return this;
    }

    public Builder createKeyspace(boolean create) { this.createKeyspace = create; return this; }

    /** Default LOCAL_QUORUM. */
    public Builder readConsistency(ConsistencyLevel level) { this.readConsistency = Objects.requireNonNull(level); return this; }

    /** Default LOCAL_QUORUM (the commit phase of conditional appends). */
    public Builder writeConsistency(ConsistencyLevel level) { this.writeConsistency = Objects.requireNonNull(level); return this; }

    /** Default LOCAL_SERIAL (the Paxos phase of appends and reads that settle an append's outcome). */
    public Builder serialConsistency(ConsistencyLevel level) { this.serialConsistency = Objects.requireNonNull(level); return this; }

    /** Snapshots kept per aggregate, newest first; older ones are deleted after a save. Default 2. */
    public Builder snapshotsKept(int count) { this.snapshotsKept = count; return this; }

    /** Rows per page when reading; bounds the memory of a read. Default 500. */
    public Builder pageSize(int rows) { this.pageSize = rows; return this; }

    /** Largest append accepted, in estimated bytes. Default {@link #DEFAULT_MAX_BATCH_BYTES}. */
    public Builder maxBatchBytes(long bytes) { this.maxBatchBytes = bytes; return this; }

    /** How often repositories retry an update after a conflict. Default 5. */
    public Builder conflictRetries(int retries) { this.conflictRetries = retries; return this; }

    public Builder pageListener(PageListener listener) { this.pageListener = Objects.requireNonNull(listener); return this; }

    /** Where repositories write snapshots; default the saving thread. Failures are logged, never thrown. */
    public Builder snapshotExecutor(Executor executor) { this.snapshotExecutor = Objects.requireNonNull(executor); return this; }

    /** The clock stamping appended events. */
    public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

    /**
     * The one JSON mapper of everything the store writes as JSON: event payloads, snapshots, saga state, and the
     * JSON columns of generated read-model tables constructed with it ({@code new <Name>Table(session, keyspace,
     * options.objectMapper())}). Start from {@code EventSerializer.defaultObjectMapper()} to keep its settings.
     */
    public Builder objectMapper(ObjectMapper mapper) { this.objectMapper = Objects.requireNonNull(mapper); return this; }

    /**
     * {@link AppendMode#CONDITIONAL} (the default) or {@link AppendMode#SINGLE_WRITER}, without lightweight
     * transactions, only where the application guarantees one writer per aggregate.
     */
    public Builder appendMode(AppendMode mode) { this.appendMode = Objects.requireNonNull(mode); return this; }

    /** @throws InvalidIdentifierException if a keyspace or table name is not a valid CQL identifier */
    /**
     * Reports the runtime's metrics (appends, loads, snapshots, projections, sagas: see
     * {@link Instrumentation}) to this registry; the feed, runners and repositories built on the store use it.
     * None by default.
     */
    public Builder meterRegistry(MeterRegistry registry) { this.meterRegistry = Objects.requireNonNull(registry); return this; }

    /**
     * Observes appends, loads and handlers with this registry (tracing through its handlers), and carries the
     * trace context in each appended event's metadata. None by default: then nothing is observed.
     */
    public Builder observationRegistry(ObservationRegistry registry) { this.observationRegistry = Objects.requireNonNull(registry); return this; }

    public EventStoreOptions build() {
      return new EventStoreOptions(this);
    }
  }
}
