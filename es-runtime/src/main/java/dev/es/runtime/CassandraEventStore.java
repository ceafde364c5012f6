package dev.es.runtime;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.es.runtime.internal.EventRows;
import dev.es.runtime.internal.StorePrivacy;
import dev.es.runtime.observation.Operation;
import dev.es.runtime.privacy.ForgottenSubject;
import dev.es.runtime.privacy.PersonalPayloads;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store: append-only streams of events, one Cassandra partition per aggregate, with optimistic
 * concurrency, plus snapshots. Built from the application's own {@link CqlSession}; thread-safe; create one per
 * application and share it. See {@code docs/event-store.md} for the schema, guarantees and the cost of each read.
 */
public final class CassandraEventStore {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraEventStore.class);

  /** How often an append whose outcome is unknown (timeout) is resent, and its read-back retried, before giving up. */
  private static final int UNKNOWN_OUTCOME_RETRIES = 3;

  /** How often an append with {@link ExpectedVersion#any()} re-reads the head after losing a race. */
  private static final int ANY_VERSION_RETRIES = 16;

  static {
    EventRows.install((store, row) -> store.toEnvelope(row));
    StorePrivacy.install(store -> store.personal);
  }

  private final CqlSession session;
  private final EventStoreOptions options;
  private final EventRegistry registry;
  /** The column positions of the last result shapes decoded: a stream read whole or from a version, the feed's. */
  private final AtomicReferenceArray<EventColumns> shapes = new AtomicReferenceArray<>(4);
  private final AtomicInteger nextShape = new AtomicInteger();
  private final EventSerializer serializer;
  private final EventSchema schema;
  private final PersonalPayloads personal;
  /** Reads stored payloads; through {@link #personal} only for event types with personal data. */
  private final EventRegistry.PayloadReader payloadReader;
  private final List<AfterAppendListener> listeners = new CopyOnWriteArrayList<>();
  private final SnapshotTriggers snapshotTriggers = new SnapshotTriggers();
  private volatile EventStatements statements;
  private volatile CrossAggregateReads crossAggregateReads;
  private volatile LifecycleStatements lifecycle;

  public CassandraEventStore(CqlSession session, EventStoreOptions options) {
    this(session, options, new EventRegistry());
  }

  public CassandraEventStore(CqlSession session, EventStoreOptions options, EventRegistry registry) {
    this.session = Objects.requireNonNull(session, "session");
    this.options = Objects.requireNonNull(options, "options");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.serializer = new EventSerializer(options.objectMapper());
    this.schema = new EventSchema(options);
    this.personal = new PersonalPayloads(session, options);
    this.payloadReader = (type, json) -> serializer.read(
        type.personalData().isEmpty() ? json : personal.open(type, json), type.javaClass());
  }

  /**
   * Creates the keyspace (if configured), tables and indexes that are missing, waits for schema agreement and
   * prepares the statements. Idempotent; safe to run from several processes at once.
   */
  public void initialize() {
    try {
      for (String cql : schema.createStatements()) {
        createIfMissing(cql);
      }
    } catch (AllNodesFailedException | ClosedConnectionException | HeartbeatException e) {
      throw new EventStoreException("cannot initialize the event store in keyspace " + options.keyspace()
          + ": no Cassandra node could be reached (nodes known to the session: " + knownNodes() + ")", e);
    } catch (UnauthorizedException e) {
      throw new PermissionDeniedException("cannot initialize the event store in keyspace " + options.keyspace(), e);
    }
    if (!session.checkSchemaAgreement()) {
      LOG.warn("schema of keyspace {} not yet in agreement across the cluster after initialize()",
          options.keyspace());
    }
    statements();
  }

  /**
   * Runs one {@code CREATE … IF NOT EXISTS}, again if the connection it went out on was lost (idempotent): on a
   * reachable cluster the next attempt succeeds, on an unreachable one it finds no node to try.
   */
  private void createIfMissing(String cql) {
    for (int attempt = 1; ; attempt++) {
      try {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
        return;
      } catch (ClosedConnectionException | HeartbeatException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** The session's nodes as host:port, for error messages. */
  private String knownNodes() {
    List<String> nodes = new ArrayList<>();
    session.getMetadata().getNodes().values().forEach(node -> {
      String address = String.valueOf(node.getEndPoint().resolve());
      nodes.add((address.startsWith("/") ? address.substring(1) : address) + " " + node.getState());
    });
    return nodes.isEmpty() ? "none" : String.join(", ", nodes);
  }

  public EventStoreOptions options() {
    return options;
  }

  /** The session the store works with; the feed's consumers keep their own tables in the same keyspace. */
  public CqlSession session() {
    return session;
  }

  /** The event types this store can write and read; repositories register their aggregate's types here. */
  public EventRegistry registry() {
    return registry;
  }

  public void addAfterAppendListener(AfterAppendListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeAfterAppendListener(AfterAppendListener listener) {
    listeners.remove(listener);
  }

  // ---------------------------------------------------------------- append

  /** Appends payloads with new random ids, carrying the current {@link MetadataContext}. */
  public AppendResult append(
      String aggregateType, UUID aggregateId, ExpectedVersion expected, List<?> payloads) {
    return appendEvents(aggregateType, aggregateId, expected, payloads.stream().map(NewEvent::of).toList());
  }

  /** Appends payloads with new random ids, the given metadata and the current context's user. */
  public AppendResult append(
      String aggregateType, UUID aggregateId, ExpectedVersion expected, List<?> payloads, EventMetadata metadata) {
    String userId = MetadataContext.currentUserId();
    return appendEvents(aggregateType, aggregateId, expected, payloads.stream()
        .map(p -> new NewEvent(UUID.randomUUID(), p, userId, metadata)).toList());
  }

  /**
   * Appends events as ONE conditional batch in the aggregate's partition: all or none.
   *
   * <p>Retrying with the same event ids is idempotent: if the stream already holds exactly these ids at the
   * versions this append would have written, it reports success ({@link AppendResult#alreadyStored()}). A timeout,
   * lost connection, write failure or unavailable cluster (outcome unknown) is settled by reading the versions back
   * at SERIAL consistency and, if nothing is there yet, by resending at the same version (never at a newer head,
   * even with {@link ExpectedVersion#any()}), so the events are stored at most once whenever the attempt in doubt
   * lands.
   *
   * <p>With {@link AppendMode#SINGLE_WRITER} the batch is plain, the expected version is trusted, and neither
   * conflicts nor {@code alreadyStored()} are ever reported (see {@link AppendMode}).
   *
   * @throws ConcurrencyConflictException if the stream is not at the expected version
   * @throws StreamClosedException if the stream is closed ({@link #closeStream}): nothing is written
   * @throws BatchTooLargeException if the batch would be larger than {@link EventStoreOptions#maxBatchBytes()}
   * @throws AppendOutcomeUnknownException if an unknown outcome could not be settled; retry with the same ids at
   *     {@code ExpectedVersion.exactly(e.attemptedVersion())}
   * @throws AppendNotWrittenException in single-writer mode, if Cassandra refused the batch as unavailable before
   *     writing it anywhere; with {@code ExpectedVersion.any()}, if reading the stream's version failed, so that no
   *     write was sent
   * @throws PermissionDeniedException if the session's role may not read or write the events table
   * @throws AfterAppendListenerException if stored, but a listener failed
   */
  public AppendResult appendEvents(
      String aggregateType, UUID aggregateId, ExpectedVersion expected, List<NewEvent> events) {
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(expected, "expected");
    if (aggregateType.isBlank()) {
      throw new IllegalArgumentException("aggregateType must not be blank (append to aggregate " + aggregateId + ")");
    }
    EncodedEvent.requireWellFormed(aggregateType, () -> "aggregateType of aggregate " + aggregateId);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("nothing to append to aggregate " + aggregateId);
    }
    Operation operation = options.instrumentation().append(aggregateType, events.size());
    AppendResult result;
    try {
      result = appendChecked(aggregateType, aggregateId, expected, traced(events, operation.propagation()));
    } catch (UnauthorizedException e) {
      PermissionDeniedException denied = new PermissionDeniedException("cannot append " + events.size()
          + (events.size() == 1 ? " event" : " events") + " to " + aggregateType + " " + aggregateId
          + " at expected version " + expected, e);
      operation.end(Operation.ERROR, denied);
      throw denied;
    } catch (RuntimeException e) {
      operation.end(outcomeOf(e), e);
      throw e;
    }
    operation.end(Operation.OK, null);
    notifyListeners(result);
    return result;
  }

  /** The events with the append's trace context in their metadata, when it is observed by a tracer. */
  private static List<NewEvent> traced(List<NewEvent> events, Map<String, String> trace) {
    if (trace.isEmpty()) {
      return events;
    }
    List<NewEvent> traced = new ArrayList<>(events.size());
    for (NewEvent event : events) {
      EventMetadata metadata = event.metadata();
      for (Map.Entry<String, String> header : trace.entrySet()) {
        metadata = metadata.with(header.getKey(), header.getValue());
      }
      traced.add(new NewEvent(event.eventId(), event.payload(), event.userId(), metadata));
    }
    return traced;
  }

  private static String outcomeOf(RuntimeException e) {
    return e instanceof ConcurrencyConflictException ? Operation.CONFLICT
        : e instanceof AppendOutcomeUnknownException ? Operation.UNKNOWN : Operation.ERROR;
  }

  private AppendResult appendChecked(
      String aggregateType, UUID aggregateId, ExpectedVersion expected, List<NewEvent> events) {
    List<EncodedEvent> encoded = encode(aggregateId, events);
    long size = 64;
    for (EncodedEvent e : encoded) {
      size += e.estimatedBytes(aggregateType);
    }
    if (size > options.maxBatchBytes()) {
      throw new BatchTooLargeException(aggregateId, events.size(), size, options.maxBatchBytes());
    }
    return appendEncoded(aggregateType, aggregateId, expected, encoded);
  }

  private AppendResult appendEncoded(
      String aggregateType, UUID aggregateId, ExpectedVersion expected, List<EncodedEvent> events) {
    Instant timestamp = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    if (options.appendMode() == AppendMode.SINGLE_WRITER) {
      return appendUnconditionally(aggregateType, aggregateId, expected, events, timestamp);
    }
    int resends = 0;
    int anyRetries = 0;
    long base = baseVersion(aggregateType, aggregateId, expected, events.size());
    // the first attempt of this append whose outcome was unknown: until a definite answer it may still land
    RuntimeException inDoubt = null;
    while (true) {
      Attempt attempt;
      try {
        attempt = tryAppend(aggregateType, aggregateId, base, events, timestamp);
      } catch (WriteTimeoutException | CASWriteUnknownException | WriteFailureException | UnavailableException
          | DriverTimeoutException | ClosedConnectionException | HeartbeatException e) {
        // UnavailableException too: with Paxos v1 the commit phase checks for live replicas only after a quorum
        // accepted the proposal, which any later SERIAL read then completes (docs/event-store.md)
        attempt = settleUnknownOutcome(aggregateType, aggregateId, expected, base, events, e);
        if (attempt.outcome() == Outcome.NOT_WRITTEN) {
          inDoubt = inDoubt == null ? e : inDoubt;
          if (++resends > UNKNOWN_OUTCOME_RETRIES) {
            throw new AppendOutcomeUnknownException(aggregateType, aggregateId, expected, base, events.size(), e);
          }
          // Not final: the attempt may still be applied. Resent at the same version, with the same condition as
          // the attempt in doubt, so at most one of them applies, and the resend's answer settles both.
          LOG.debug("append to {} at version {} had an unknown outcome and was not seen; resending", aggregateId,
              base, e);
          continue;
        }
      } catch (DriverException e) {
        // a resend that reached no node (or failed otherwise) says nothing about the attempt in doubt
        throw inDoubt == null ? e
            : stillInDoubt(aggregateType, aggregateId, expected, base, events.size(), e, inDoubt);
      }
      switch (attempt.outcome()) {
        case APPLIED:
          return result(aggregateType, aggregateId, base, events, timestamp, attempt.stored(), false);
        case ALREADY_STORED:
          return result(aggregateType, aggregateId, base, events, timestamp, attempt.stored(), true);
        default:
          // a definite conflict: the stream moved past base, so no attempt at base can apply any more
          if (expected == ExpectedVersion.any() && ++anyRetries <= ANY_VERSION_RETRIES) {
            inDoubt = null;
            base = baseVersion(aggregateType, aggregateId, expected, events.size());
            continue;
          }
          throw new ConcurrencyConflictException(aggregateId, expected, attempt.actualVersion());
      }
    }
  }

  /**
   * The version an append builds on: the expected one, or the stream's current version for {@code any()}, read with
   * its close mark (a closed stream refuses the append before anything is sent). A failed read of that version (of
   * the head a single-writer append reads first, too) comes before the append's first attempt, or after a definite
   * conflict that settled every earlier attempt at the version then read, so nothing of the append is stored or in
   * doubt: it is reported as not written, unless the driver's own exception says so already (no node reached) or a
   * grant is missing.
   */
  private long baseVersion(String aggregateType, UUID aggregateId, ExpectedVersion expected, int count) {
    if (expected instanceof ExpectedVersion.Exact exact) {
      return exact.version();
    }
    if (expected == ExpectedVersion.noStream()) {
      return 0;
    }
    return openHead(aggregateType, aggregateId, expected, count).head();
  }

  /**
   * The stream's head, read before an append is sent (see {@link #baseVersion} for a failed read).
   *
   * @throws StreamClosedException if the stream is closed: nothing is sent
   */
  private StreamHead openHead(String aggregateType, UUID aggregateId, ExpectedVersion expected, int count) {
    StreamHead current;
    try {
      current = streamHead(aggregateId);
    } catch (AllNodesFailedException | UnauthorizedException e) {
      throw e;
    } catch (DriverException e) {
      throw AppendNotWrittenException.versionUnread(aggregateType, aggregateId, expected, count, e);
    }
    if (current.isClosed()) {
      throw new StreamClosedException(aggregateType, aggregateId, current.head(), current.closed());
    }
    return current;
  }

  private enum Outcome { APPLIED, ALREADY_STORED, CONFLICT, NOT_WRITTEN }

  /** What became of one attempt; for ALREADY_STORED the stored timestamps, for CONFLICT the actual version. */
  private record Attempt(Outcome outcome, long actualVersion, List<Instant> stored) {
    static final Attempt APPLIED = new Attempt(Outcome.APPLIED, -1, List.of());
    static final Attempt NOT_WRITTEN = new Attempt(Outcome.NOT_WRITTEN, -1, List.of());
  }

  private Attempt tryAppend(
      String aggregateType, UUID aggregateId, long base, List<EncodedEvent> events, Instant timestamp) {
    EventStatements st = statements();
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
        .setConsistencyLevel(options.writeConsistency())
        .setSerialConsistencyLevel(options.serialConsistency());
    long head = base + events.size();
    // a new stream has no head yet (null); a closed one fails the condition whatever its head
    batch.addStatement(st.advanceHead.bind(head, aggregateId, base == 0 ? null : base));
    for (int i = 0; i < events.size(); i++) {
      batch.addStatement(bindEvent(st.insertEvent.boundStatementBuilder(), aggregateType, aggregateId,
          base + i + 1, events.get(i), timestamp).build());
    }
    ResultSet rs = session.execute(batch.build());
    if (rs.wasApplied()) {
      return Attempt.APPLIED;
    }
    StreamHead current = headIn(rs);
    long actual = current.head() > 0 ? current.head() : currentVersion(aggregateId);
    if (actual >= head) {
      List<StoredId> stored = storedIds(aggregateId, base, events.size());
      if (sameIds(stored, events)) {
        return new Attempt(Outcome.ALREADY_STORED, actual, stored.stream().map(StoredId::timestamp).toList());
      }
    }
    if (current.isClosed()) {
      throw new StreamClosedException(aggregateType, aggregateId, actual, current.closed());
    }
    return new Attempt(Outcome.CONFLICT, actual, List.of());
  }

  /**
   * {@link AppendMode#SINGLE_WRITER}: one plain batch in the aggregate's partition (atomic and isolated like any
   * single-partition batch), at the version the caller gives. Writing the same batch again writes the same values,
   * so an unknown outcome is settled by sending it again instead of reading back. Refused as unavailable, the batch
   * reached no replica: nothing is written unless an earlier attempt in doubt lands.
   */
  private AppendResult appendUnconditionally(String aggregateType, UUID aggregateId, ExpectedVersion expected,
      List<EncodedEvent> events, Instant timestamp) {
    // the one read of a single-writer append: a plain write cannot check that the stream is still open
    long head = openHead(aggregateType, aggregateId, expected, events.size()).head();
    long base = expected == ExpectedVersion.any() ? head : baseVersion(aggregateType, aggregateId, expected,
        events.size());
    EventStatements st = statements();
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
        .setConsistencyLevel(options.writeConsistency());
    batch.addStatement(bindEvent(st.insertEventAndHead.boundStatementBuilder(), aggregateType, aggregateId,
        base + 1, events.get(0), timestamp).setLong("head", base + events.size()).build());
    for (int i = 1; i < events.size(); i++) {
      batch.addStatement(bindEvent(st.insertEvent.boundStatementBuilder(), aggregateType, aggregateId,
          base + i + 1, events.get(i), timestamp).build());
    }
    BatchStatement statement = batch.build();
    RuntimeException inDoubt = null;
    RuntimeException last = null;
    for (int attempt = 0; attempt <= UNKNOWN_OUTCOME_RETRIES; attempt++) {
      try {
        session.execute(statement);
        return result(aggregateType, aggregateId, base, events, timestamp, List.of(), false);
      } catch (UnavailableException e) {
        // Cassandra checks for enough live replicas before it sends a plain write to any replica, itself included
        if (inDoubt == null && onlyUnavailable(e)) {
          throw new AppendNotWrittenException(aggregateType, aggregateId, expected, base, events.size(), e);
        }
        // says nothing of the earlier attempt in doubt (ours or the driver's on another coordinator): resend
        if (inDoubt == null) {
          inDoubt = e;
        }
        last = e;
      } catch (WriteTimeoutException | WriteFailureException | DriverTimeoutException | ClosedConnectionException
          | HeartbeatException e) {
        LOG.debug("single-writer append to {} at version {} may not have been written; sending it again",
            aggregateId, base, e);
        inDoubt = e;
        last = e;
      } catch (DriverException e) {
        throw last == null ? e : stillInDoubt(aggregateType, aggregateId, expected, base, events.size(), e, last);
      }
    }
    AppendOutcomeUnknownException unknown =
        new AppendOutcomeUnknownException(aggregateType, aggregateId, expected, base, events.size(), inDoubt);
    if (last != inDoubt) {
      unknown.addSuppressed(last);
    }
    throw unknown;
  }

  /**
   * Whether every coordinator the driver tried refused as unavailable: its retry policy may have sent the batch to
   * another coordinator after a failure that leaves the write in doubt.
   */
  private static boolean onlyUnavailable(UnavailableException e) {
    ExecutionInfo info = e.getExecutionInfo();
    return info == null
        || info.getErrors().stream().allMatch(error -> error.getValue() instanceof UnavailableException);
  }

  /** The head and close mark a failed append condition returned ({@link StreamHead#NONE} if none did). */
  private static StreamHead headIn(ResultSet rs) {
    for (Row row : rs) {
      if (row.getColumnDefinitions().contains("head")) {
        return StreamHead.of(row);
      }
    }
    return StreamHead.NONE;
  }

  private static BoundStatementBuilder bindEvent(BoundStatementBuilder b, String aggregateType, UUID aggregateId,
      long version, EncodedEvent e, Instant timestamp) {
    b.setUuid("aggregate_id", aggregateId)
        .setLong("version", version)
        .setUuid("event_id", e.event().eventId())
        .setString("aggregate_type", aggregateType)
        .setString("event_type", e.eventType())
        .setInt("event_revision", e.revision())
        .setInstant("ts", timestamp)
        .set("metadata", e.metadata(), EventSchema.METADATA)
        .setString("payload", e.json());
    // a null would write a tombstone: leave user_id unset instead
    if (e.event().userId() != null) {
      b.setString("user_id", e.event().userId());
    }
    return b;
  }

  /**
   * After a timeout, a lost connection or a write failure the batch may or may not have been applied. A read at
   * SERIAL consistency completes a Paxos round that replicas have accepted, so our ids (applied) and other ids
   * (conflict: the stream moved on, the attempt can never apply) are final. Nothing is not: the coordinator may
   * still be preparing or retrying the round and apply it after this read (NOT_WRITTEN, resend at the same base).
   */
  private Attempt settleUnknownOutcome(String aggregateType, UUID aggregateId, ExpectedVersion expected, long base,
      List<EncodedEvent> events, RuntimeException failure) {
    RuntimeException last = failure;
    for (int i = 0; i < UNKNOWN_OUTCOME_RETRIES; i++) {
      try {
        List<StoredId> stored = storedIds(aggregateId, base, events.size());
        if (stored.isEmpty()) {
          return Attempt.NOT_WRITTEN;
        }
        if (sameIds(stored, events)) {
          return new Attempt(Outcome.APPLIED, base + events.size(),
              stored.stream().map(StoredId::timestamp).toList());
        }
        return new Attempt(Outcome.CONFLICT, currentVersionSerial(aggregateId), List.of());
      } catch (WriteTimeoutException | DriverTimeoutException | ReadTimeoutException | UnavailableException
          | AllNodesFailedException | ClosedConnectionException | HeartbeatException | CASWriteUnknownException
          | ReadFailureException | WriteFailureException e) {
        // the read back failed too (the node is unreachable, or a SERIAL read that had to finish an open Paxos
        // round could not): the outcome stays unknown, never "not written"
        last = e;
      }
    }
    AppendOutcomeUnknownException unknown =
        new AppendOutcomeUnknownException(aggregateType, aggregateId, expected, base, events.size(), last);
    if (last != failure) {
      unknown.addSuppressed(failure);
    }
    throw unknown;
  }

  /** An append whose resend failed after an earlier attempt's outcome was unknown: that attempt may still land. */
  private static AppendOutcomeUnknownException stillInDoubt(String aggregateType, UUID aggregateId,
      ExpectedVersion expected, long base, int count, DriverException resendFailure, RuntimeException inDoubt) {
    AppendOutcomeUnknownException unknown =
        new AppendOutcomeUnknownException(aggregateType, aggregateId, expected, base, count, inDoubt);
    unknown.addSuppressed(resendFailure);
    return unknown;
  }

  private record StoredId(long version, UUID eventId, Instant timestamp) {}

  /** The ids stored at versions {@code base + 1 .. base + count}, read at SERIAL consistency. */
  private List<StoredId> storedIds(UUID aggregateId, long base, int count) {
    BoundStatement read = statements().selectIdsInRange.bind(aggregateId, base + 1, base + count)
        .setConsistencyLevel(options.serialConsistency());
    List<StoredId> ids = new ArrayList<>(count);
    for (Row row : session.execute(read)) {
      ids.add(new StoredId(row.getLong("version"), row.getUuid("event_id"), row.getInstant("ts")));
    }
    return ids;
  }

  private static boolean sameIds(List<StoredId> stored, List<EncodedEvent> events) {
    if (stored.size() != events.size()) {
      return false;
    }
    for (int i = 0; i < events.size(); i++) {
      if (!stored.get(i).eventId().equals(events.get(i).event().eventId())) {
        return false;
      }
    }
    return true;
  }

  private List<EncodedEvent> encode(UUID aggregateId, List<NewEvent> events) {
    List<EncodedEvent> encoded = new ArrayList<>(events.size());
    List<String> subjects = null;
    for (NewEvent event : events) {
      Objects.requireNonNull(event, "event");
      var type = registry.typeOf(event.payload());
      String json = serializer.write(event.payload());
      if (!type.personalData().isEmpty()) {
        subjects = subjects == null ? new ArrayList<>() : subjects;
        json = personal.seal(type, aggregateId, json, subjects::add);
      }
      EncodedEvent e = new EncodedEvent(event, type.name(), type.revision(), json, event.metadata().toMap());
      e.requireWellFormed(aggregateId);
      encoded.add(e);
    }
    if (subjects != null) {
      // before the append: a crash in between leaves a listed stream without the subject's data, never the reverse
      personal.recordStreams(aggregateId, subjects);
    }
    return encoded;
  }

  private static AppendResult result(String aggregateType, UUID aggregateId, long base, List<EncodedEvent> events,
      Instant written, List<Instant> storedTimestamps, boolean alreadyStored) {
    List<EventEnvelope<Object>> envelopes = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      EncodedEvent e = events.get(i);
      Instant ts = i < storedTimestamps.size() ? storedTimestamps.get(i) : written;
      envelopes.add(new EventEnvelope<>(e.event().eventId(), aggregateId, aggregateType, e.eventType(),
          e.revision(), base + i + 1, ts, e.event().userId(), e.event().metadata(), e.event().payload()));
    }
    return new AppendResult(aggregateId, base, base + events.size(), envelopes, alreadyStored);
  }

  private void notifyListeners(AppendResult result) {
    AfterAppendListenerException failure = null;
    for (AfterAppendListener listener : listeners) {
      try {
        listener.afterAppend(result);
      } catch (Exception e) {
        if (failure == null) {
          failure = new AfterAppendListenerException(result, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  // ---------------------------------------------------------------- reads

  /** The stream's current version, 0 if it does not exist. One single-partition read. */
  public long currentVersion(UUID aggregateId) {
    Objects.requireNonNull(aggregateId, "aggregateId");
    return readHead(statements().selectHead.bind(aggregateId).setConsistencyLevel(options.readConsistency()));
  }

  private long currentVersionSerial(UUID aggregateId) {
    return readHead(statements().selectHead.bind(aggregateId).setConsistencyLevel(options.serialConsistency()));
  }

  private long readHead(BoundStatement read) {
    Row row = session.execute(read).one();
    return row == null || row.isNull("head") ? 0 : row.getLong("head");
  }

  /** Whether the stream has at least one event. */
  public boolean exists(UUID aggregateId) {
    return currentVersion(aggregateId) > 0;
  }

  /** The stream's statics: head, close and archive marks. One single-partition read. */
  StreamHead streamHead(UUID aggregateId) {
    return StreamHead.of(session.execute(statements().selectHead.bind(aggregateId)
        .setConsistencyLevel(options.readConsistency())).one());
  }

  /** The whole stream, lazily, one page at a time. */
  public Stream<EventEnvelope<Object>> readStream(UUID aggregateId) {
    return readStream(aggregateId, 1, Long.MAX_VALUE);
  }

  /** The stream from {@code fromVersion} (inclusive) to its end, lazily. */
  public Stream<EventEnvelope<Object>> readStream(UUID aggregateId, long fromVersion) {
    return readStream(aggregateId, fromVersion, Long.MAX_VALUE);
  }

  /**
   * Versions {@code fromVersion..toVersion} (inclusive) of the stream, lazily, one page at a time; from the archive
   * table if the stream is archived ({@link StreamArchiver}).
   */
  public Stream<EventEnvelope<Object>> readStream(UUID aggregateId, long fromVersion, long toVersion) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(streamEvents(aggregateId, fromVersion, toVersion),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** {@link #readStream(UUID, long, long)}, telling in the end whether the events came from the archive. */
  StreamEvents streamEvents(UUID aggregateId, long fromVersion, long toVersion) {
    return new StreamEvents(this, Objects.requireNonNull(aggregateId, "aggregateId"), fromVersion, toVersion);
  }

  /**
   * The stream from {@code fromVersion} up to and including the last event appended at or before
   * {@code instant}, lazily; stops reading at the first event after the instant.
   */
  public Stream<EventEnvelope<Object>> readStreamAsOf(UUID aggregateId, long fromVersion, Instant instant) {
    return readStream(aggregateId, fromVersion).takeWhile(e -> !e.timestamp().isAfter(instant));
  }

  /**
   * Events of one type appended in {@code [from, to)}, across all aggregates, through the SAI indexes on
   * {@code event_type} and {@code ts}. Not ordered by time: order by {@link EventEnvelope#timestamp()} if needed.
   * Costly: a query to every token range of the cluster; see docs/event-store.md.
   */
  public Stream<EventEnvelope<Object>> readByType(String eventType, Instant from, Instant to) {
    BoundStatement query = statements().selectByTypeBetween.bind(eventType, from, to)
        .setConsistencyLevel(options.readConsistency())
        .setPageSize(options.pageSize());
    return rows(query, options.eventsTable()).map(this::toEnvelope);
  }

  /**
   * All events appended in {@code [from, to)}, through the SAI index on {@code ts}. Not ordered by time.
   * Costly: a query to every token range of the cluster; see docs/event-store.md.
   */
  public Stream<EventEnvelope<Object>> readBetween(Instant from, Instant to) {
    BoundStatement query = statements().selectBetween.bind(from, to)
        .setConsistencyLevel(options.readConsistency())
        .setPageSize(options.pageSize());
    return rows(query, options.eventsTable()).map(this::toEnvelope);
  }

  /**
   * One page of the events an {@link EventQuery} selects (by aggregate type or event type, with or without a time
   * window), through SAI indexes. The order is defined and stable: by the token of the aggregate id (Murmur3, the
   * order in which Cassandra walks the ring), then by version, so each aggregate's events come together and in
   * order, and {@link EventPage#next()} resumes exactly after this page. It is not time order: see
   * {@link #readInTimeOrder}. Costly: every page is a query to the token ranges of the cluster; see
   * docs/event-store.md.
   *
   * @param pageToken {@code null} for the first page, else the previous page's {@link EventPage#next()}
   * @throws IllegalArgumentException if the token was not made by the same query
   */
  public EventPage readPage(EventQuery query, int pageSize, String pageToken) {
    return crossAggregateReads().page(query, pageSize, pageToken);
  }

  /**
   * Every event an {@link EventQuery} selects, in the order of {@link #readPage} (aggregate id token, then
   * version), read lazily page by page ({@link EventStoreOptions#pageSize()}).
   */
  public Stream<EventEnvelope<Object>> read(EventQuery query) {
    return crossAggregateReads().all(query);
  }

  /**
   * The events of a windowed {@link EventQuery} in time order: by timestamp ({@code ts}, the appender's clock,
   * millisecond precision), then aggregate id, then version. The window is read {@code slice} by {@code slice},
   * and each slice's events are held and sorted in memory, so a slice should hold a bounded number of events.
   *
   * @throws IllegalArgumentException if the query has no window or the slice is under a millisecond
   */
  public Stream<EventEnvelope<Object>> readInTimeOrder(EventQuery query, Duration slice) {
    return crossAggregateReads().inTimeOrder(query, slice);
  }

  private Stream<Row> rows(BoundStatement query, String table) {
    return PagedRows.stream(() -> session.executeAsync(query), table, options.pageListener());
  }

  private EventEnvelope<Object> toEnvelope(Row row) {
    EventColumns at = columnsOf(row);
    UUID aggregateId = row.getUuid(at.aggregateId());
    long version = row.getLong(at.version());
    String eventType = row.getString(at.eventType());
    int revision = row.getInt(at.revision());
    EventRegistry.Decoded decoded = registry.decode(payloadReader,
        new EventRegistry.StoredEventRef(aggregateId, version, eventType, revision), row.getString(at.payload()));
    Map<String, String> metadata = at.metadataCodec().decode(row.getBytesUnsafe(at.metadata()), row.protocolVersion());
    return new EventEnvelope<>(row.getUuid(at.eventId()), aggregateId, row.getString(at.aggregateType()), eventType,
        decoded.revision(), version, row.getInstant(at.timestamp()), row.getString(at.userId()),
        EventMetadata.fromMap(metadata), decoded.payload());
  }

  /**
   * The column positions for this row's result shape; computed once per shape while it is among the last few used,
   * so that threads reading in different shapes at once do not recompute them row by row.
   */
  private EventColumns columnsOf(Row row) {
    ColumnDefinitions definitions = row.getColumnDefinitions();
    for (int i = 0; i < shapes.length(); i++) {
      EventColumns known = shapes.get(i);
      if (known != null && known.definitions() == definitions) {
        return known;
      }
    }
    EventColumns computed = EventColumns.of(definitions, row.codecRegistry());
    shapes.set(Math.floorMod(nextShape.getAndIncrement(), shapes.length()), computed);
    return computed;
  }


  // ---------------------------------------------------------------- snapshots

  /** Stores a snapshot, then deletes all but the newest {@link EventStoreOptions#snapshotsKept()} of the aggregate. */
  public void saveSnapshot(StoredSnapshot snapshot) {
    EventStatements st = statements();
    session.execute(st.insertSnapshot.bind(snapshot.aggregateId(), snapshot.version(), snapshot.aggregateType(),
        snapshot.fingerprint(), snapshot.state(), snapshot.timestamp())
        .setConsistencyLevel(options.writeConsistency()));
    options.instrumentation().snapshotWritten(snapshot.aggregateType());
    List<Row> newest = session.execute(st.selectSnapshotVersions.bind(snapshot.aggregateId(),
        options.snapshotsKept() + 1).setConsistencyLevel(options.readConsistency())).all();
    if (newest.size() > options.snapshotsKept()) {
      long oldestToDrop = newest.get(newest.size() - 1).getLong("version");
      session.execute(st.deleteSnapshotsUpTo.bind(snapshot.aggregateId(), oldestToDrop)
          .setConsistencyLevel(options.writeConsistency()));
    }
  }

  /** The aggregate's snapshots at or below {@code version}, newest first, lazily. */
  public Stream<StoredSnapshot> snapshotsAtOrBelow(UUID aggregateId, long version) {
    Objects.requireNonNull(aggregateId, "aggregateId");
    BoundStatement query = statements().selectSnapshotsAtOrBelow.bind(aggregateId, version,
        options.snapshotsKept()).setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize());
    return rows(query, options.snapshotsTable()).map(row -> new StoredSnapshot(row.getUuid("aggregate_id"),
        row.getString("aggregate_type"), row.getLong("version"), row.getString("fingerprint"),
        row.getString("state"), row.getInstant("ts")));
  }

  // ---------------------------------------------------------------- personal data

  /**
   * Forgets a data subject (crypto-shredding): deletes its key, so that every personal text of its events
   * ({@code @PersonalData}) reads as {@link dev.es.runtime.spi.PersonalField#FORGOTTEN} from now on, in every
   * load, stream read, feed and projection; and deletes every snapshot of the aggregates whose events hold its
   * personal data, since their state may hold the clear text. Other processes may still decrypt with the key they
   * cached until {@link EventStoreOptions#subjectKeyCacheTtl()} passes. Idempotent: after a failure, call it again.
   * New personal data of the subject is sealed with a new key, which never opens the forgotten texts.
   *
   * @param subject the subject as its events name it: the text of the subject component's value (a UUID's
   *     {@code toString()}, a number's decimal digits)
   */
  public ForgottenSubject forgetSubject(String subject) {
    EventStatements st = statements();
    return personal.forget(subject, aggregateId -> session.execute(
        st.deleteSnapshotsUpTo.bind(aggregateId, Long.MAX_VALUE).setConsistencyLevel(options.writeConsistency())));
  }

  // ---------------------------------------------------------------- closing

  /**
   * Closes the aggregate's stream for good: every later append to it fails with {@link StreamClosedException} and
   * writes nothing, whatever the append mode. Loads and reads go on as before. The close is a lightweight
   * transaction on the condition every conditional append checks, so of a close and an append racing, one applies
   * and the other is refused. Once closed and fully published to the feed, the stream can be moved to the archive
   * table ({@link StreamArchiver}). Closing a closed stream changes nothing and returns it as it was closed.
   *
   * @param expected the version to close at (the stream's last event), or {@link ExpectedVersion#any()} for its
   *     current version
   * @throws AggregateNotFoundException if the stream has no event
   * @throws ConcurrencyConflictException if the stream is open and not at {@code expected}
   * @throws IllegalArgumentException if {@code expected} is {@link ExpectedVersion#noStream()}
   */
  public ClosedStream closeStream(String aggregateType, UUID aggregateId, ExpectedVersion expected) {
    return new StreamClosing(this, lifecycle()).close(aggregateType, aggregateId, expected);
  }

  /** The stream as it was closed; empty while it is open or does not exist. One single-partition read. */
  public Optional<ClosedStream> closedStream(UUID aggregateId) {
    StreamHead current = streamHead(Objects.requireNonNull(aggregateId, "aggregateId"));
    return current.isClosed()
        ? Optional.of(new ClosedStream(aggregateId, current.head(), current.closed(),
            Optional.ofNullable(current.archived())))
        : Optional.empty();
  }

  // ---------------------------------------------------------------- internals

  EventSerializer serializer() {
    return serializer;
  }

  /** The snapshot triggers set at run time on this store, shared by its repositories. */
  SnapshotTriggers snapshotTriggers() {
    return snapshotTriggers;
  }

  private CrossAggregateReads crossAggregateReads() {
    CrossAggregateReads reads = crossAggregateReads;
    if (reads == null) {
      synchronized (this) {
        reads = crossAggregateReads;
        if (reads == null) {
          reads = new CrossAggregateReads(session, schema, options, this::toEnvelope);
          crossAggregateReads = reads;
        }
      }
    }
    return reads;
  }

  EventStatements statements() {
    EventStatements prepared = statements;
    if (prepared == null) {
      synchronized (this) {
        prepared = statements;
        if (prepared == null) {
          prepared = new EventStatements(session, schema);
          statements = prepared;
        }
      }
    }
    return prepared;
  }

  /** The statements of closing, archiving and archived reads, prepared when first needed. */
  LifecycleStatements lifecycle() {
    LifecycleStatements prepared = lifecycle;
    if (prepared == null) {
      synchronized (this) {
        prepared = lifecycle;
        if (prepared == null) {
          prepared = new LifecycleStatements(session, schema);
          lifecycle = prepared;
        }
      }
    }
    return prepared;
  }
}
