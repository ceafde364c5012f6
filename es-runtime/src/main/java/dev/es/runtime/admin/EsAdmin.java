package dev.es.runtime.admin;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.internal.EventRows;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.internal.TableCreation;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionControl;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.ReplayRequest;
import dev.es.runtime.projection.UnknownProjectionException;
import dev.es.runtime.saga.SagaControl;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaNotFoundException;
import dev.es.runtime.saga.ScheduledDeadline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * What an operator needs to see and repair in a running system, through a feed and its store: streams, the feed's
 * shards, and the projections registered on the feed (saga consumers included) with their parked events. It decodes
 * with the store's registry and serializer, and shows an event of a type or revision the process does not know as
 * its stored JSON instead of failing, so that a tool built without the application's event classes still shows
 * every stream.
 *
 * <p>Every action that changes something (pause, resume, rebuild, reset, retry, skip) goes through the same
 * leases as the runners ({@link ProjectionControl}) and is recorded in the audit table with who took it, when, and
 * its outcome, also when it is refused.
 */
public final class EsAdmin {

  private final Feed feed;
  private final CassandraEventStore store;
  private final PreparedStatement selectStream;
  private final PreparedStatement selectStatics;
  private final PreparedStatement selectArchived;
  private final String actor;
  private final ProjectionControl projections;
  private final AuditLog audit;
  private SagaControl sagas; // built on first use: a feed without sagas has no saga tables

  /** As {@link #EsAdmin(Feed, String)}, acting as the operating system's user that runs this process. */
  public EsAdmin(Feed feed) {
    this(feed, System.getProperty("user.name", "unknown"));
  }

  /**
   * For the feed's keyspace, with its options (shards, lease duration) and its store's; the tables must exist
   * ({@link CassandraEventStore#initialize()}, {@link Feed#initialize()}).
   *
   * @param actor who acts, as the audit table records it (e.g. the operator's login)
   * @throws dev.es.runtime.MissingTableException if a table it reads does not exist, naming it
   */
  public EsAdmin(Feed feed, String actor) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.store = feed.store();
    String events = store.options().keyspace() + "." + store.options().eventsTable();
    this.selectStream = TableCreation.prepare(store.session(), events, "store.initialize()",
        "SELECT * FROM " + events + " WHERE aggregate_id = ? AND version >= ? LIMIT ?");
    // no clustering restriction: also the statics of a partition whose rows the archiver deleted
    this.selectStatics = TableCreation.prepare(store.session(), events, "store.initialize()",
        "SELECT * FROM " + events + " WHERE aggregate_id = ? LIMIT 1");
    String archive = store.options().keyspace() + "." + store.options().archiveTable();
    this.selectArchived = TableCreation.prepare(store.session(), archive, "store.initialize()",
        "SELECT * FROM " + archive + " WHERE aggregate_id = ? AND version >= ? LIMIT ?");
    this.projections = new ProjectionControl(feed);
    this.audit = new AuditLog(feed);
  }

  /**
   * An aggregate's stream: its head, publishing state and lifecycle, up to {@code limit} events from
   * {@code fromVersion} on (from the archive table if it is archived), and its snapshots.
   *
   * @throws AggregateNotFoundException if no event is stored for {@code aggregateId}
   * @throws IllegalArgumentException if {@code fromVersion} is below 1 or {@code limit} below 1
   */
  public StreamInspection stream(UUID aggregateId, long fromVersion, int limit) {
    Objects.requireNonNull(aggregateId, "aggregateId");
    if (fromVersion < 1) {
      throw new IllegalArgumentException("fromVersion must be at least 1, was " + fromVersion);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<Row> rows = read(selectStream.bind(aggregateId, fromVersion, limit)).all();
    // every row carries the stream's static columns; a page past the head, or of an archived stream, has no row,
    // so the statics are read alone
    Row statics = rows.isEmpty() ? read(selectStatics.bind(aggregateId)).one() : rows.get(0);
    if (statics == null) {
      throw new AggregateNotFoundException("of any type", aggregateId, ": no event is stored for it");
    }
    String aggregateType = statics.getString("aggregate_type");
    if (!statics.isNull("archived")) {
      rows = read(selectArchived.bind(aggregateId, fromVersion, limit)).all();
      Row first = rows.isEmpty() ? read(selectArchived.bind(aggregateId, 1L, 1)).one() : rows.get(0);
      aggregateType = first == null ? aggregateType : first.getString("aggregate_type");
    }
    List<InspectedEvent> events = rows.stream().map(this::inspect).toList();
    List<StoredSnapshot> snapshots = store.snapshotsAtOrBelow(aggregateId, Long.MAX_VALUE).toList();
    return new StreamInspection(aggregateId, aggregateType, statics.getLong("head"),
        statics.isNull("published") ? 0 : statics.getLong("published"), statics.getBoolean("dirty"), events,
        snapshots, Optional.ofNullable(statics.getInstant("closed")),
        Optional.ofNullable(statics.getInstant("archived")));
  }

  private ResultSet read(BoundStatement statement) {
    return store.session().execute(statement.setConsistencyLevel(store.options().readConsistency()));
  }

  /**
   * Every shard of the feed: its publisher's lease, its head position and its backlog. Plain reads and one index
   * query per shard (the backlog's): for an operator's look, not for polling at a high rate.
   */
  public List<ShardInspection> feedShards() {
    Instant now = store.options().clock().instant();
    return IntStream.range(0, feed.options().shards()).mapToObj(shard -> {
      Optional<LeaseState> lease = feed.publisherLease(shard);
      return new ShardInspection(shard, lease, lease.map(held -> held.heldAt(now)).orElse(false),
          feed.headPosition(shard), feed.backlog(shard));
    }).toList();
  }

  /** The names of the projections and saga consumers ({@code saga:<name>}) registered on the feed, sorted. */
  public List<String> projectionNames() {
    return projections.names();
  }

  /**
   * A projection's controls, lag per shard and who works on each of its ranges.
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public ProjectionOverview projection(String name) {
    return projections.overview(name);
  }

  /**
   * Up to {@code limit} parked events of a projection, shard by shard, per aggregate in version order.
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public List<ParkedEvent> parkedEvents(String projection, int limit) {
    return projections.parkedEvents().list(projection, limit);
  }

  /** The newest {@code limit} actions taken through this API (of the last twelve months), newest first. */
  public List<AuditEntry> audit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return audit.latest(limit);
  }

  /**
   * Pauses a projection on every runner hosting it (see {@link ProjectionControl#pause}).
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public void pause(String projection) {
    audited("projection.pause", projection, "", () -> {
      projections.pause(projection);
      return null;
    }, done -> "done");
  }

  /**
   * Resumes a paused projection, or one stopped on a failure (see {@link ProjectionControl#resume}).
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public void resume(String projection) {
    audited("projection.resume", projection, "", () -> {
      projections.resume(projection);
      return null;
    }, done -> "done");
  }

  /**
   * Asks for a projection to be rebuilt: its read model reset, every event handled again.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest rebuild(String projection) {
    return replay("projection.rebuild", projection, "", () -> projections.rebuild(projection, actor));
  }

  /**
   * Asks for every event to be handled again, keeping the read model.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest resetToStart(String projection) {
    return replay("projection.reset", projection, "to the start",
        () -> projections.reset(projection, projections.startPositions(), actor));
  }

  /**
   * Asks for the events appended at or after {@code at} to be handled again (see
   * {@link ProjectionControl#positionsAt}), keeping the read model.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest resetTo(String projection, Instant at) {
    Objects.requireNonNull(at, "at");
    return replay("projection.reset", projection, "to " + at,
        () -> projections.reset(projection, projections.positionsAt(at), actor));
  }

  /**
   * Asks for one shard's checkpoint to be moved to {@code position}, keeping the read model.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalArgumentException naming the shard, if it does not exist or the position is not published
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest resetTo(String projection, int shard, long position) {
    return replay("projection.reset", projection, "shard " + shard + " to position " + position,
        () -> projections.reset(projection, Map.of(shard, position), actor));
  }

  /**
   * Asks for a parked event's aggregate to be handled again from it (see {@link
   * dev.es.runtime.projection.ParkedEvents#retry}).
   *
   * @return false if that event is not parked (any more)
   * @throws UnknownProjectionException if no runner registered the projection
   */
  public boolean retry(String projection, UUID aggregateId, long version) {
    return parkedRequest("parked.retry", projection, aggregateId, version, projections.parkedEvents()::retry);
  }

  /**
   * Asks for a parked event to be removed without being handled (see {@link
   * dev.es.runtime.projection.ParkedEvents#skip}).
   *
   * @return false if that event is not parked (any more)
   * @throws UnknownProjectionException if no runner registered the projection
   */
  public boolean skip(String projection, UUID aggregateId, long version) {
    return parkedRequest("parked.skip", projection, aggregateId, version, projections.parkedEvents()::skip);
  }

  /** The sagas a runner started on the feed, sorted. */
  public List<String> sagaNames() {
    return SagaConsumer.sagasAmong(projections.names());
  }

  /**
   * A saga instance as stored, its state as JSON.
   *
   * @throws SagaNotFoundException naming the saga or the instance
   * @throws dev.es.runtime.MissingTableException if the saga tables do not exist
   */
  public SagaInstance<String> sagaInstance(String saga, UUID instance) {
    return sagas().instance(saga, instance);
  }

  /**
   * The instances of a saga associated with {@code property = value}, ended ones included: "what happened to order
   * 42?" is {@code sagaInstances("OrderProcessing", "orderId", "42")}.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<SagaInstance<String>> sagaInstances(String saga, String property, String value) {
    return sagas().instances(saga, property, value);
  }

  /**
   * Up to {@code limit} parked instances of a saga, in id order.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<SagaInstance<String>> parkedSagaInstances(String saga, int limit) {
    return sagas().parked(saga, limit);
  }

  /**
   * Up to {@code limit} deadlines pending on a saga's instances, in due order.
   *
   * @throws SagaNotFoundException if no runner started the saga
   */
  public List<ScheduledDeadline> sagaDeadlines(String saga, int limit) {
    return sagas().deadlines(saga, limit);
  }

  /**
   * Ends a parked saga instance (see {@link SagaControl#end}).
   *
   * @throws SagaNotFoundException naming the saga or the instance
   * @throws IllegalStateException if it is not parked, or its compensations are not appended yet
   */
  public SagaInstance<String> endSagaInstance(String saga, UUID instance) {
    Objects.requireNonNull(instance, "instance");
    return audited("saga.end", saga, "instance " + instance, () -> sagas().end(saga, instance), ended -> "done");
  }

  private synchronized SagaControl sagas() {
    if (sagas == null && sagaNames().isEmpty()) {
      // no saga ever ran: say so rather than name the saga tables, which need not exist then
      throw new SagaNotFoundException("no saga is registered on this feed");
    }
    if (sagas == null) {
      sagas = new SagaControl(feed);
    }
    return sagas;
  }

  private boolean parkedRequest(String action, String projection, UUID aggregateId, long version,
      Predicate<ParkedEvent> request) {
    Objects.requireNonNull(aggregateId, "aggregateId");
    return audited(action, projection, "aggregate " + aggregateId + " version " + version, () -> {
      Optional<ParkedEvent> parked = projections.parkedEvents().list(projection, Integer.MAX_VALUE).stream()
          .filter(event -> event.event().aggregateId().equals(aggregateId) && event.event().version() == version)
          .findFirst();
      return parked.isPresent() && request.test(parked.get());
    }, requested -> requested ? "requested" : "not parked");
  }

  private ReplayRequest replay(String action, String projection, String detail, Supplier<ReplayRequest> request) {
    return audited(action, projection, detail, request,
        stored -> "requested " + stored.id() + ", positions " + new TreeMap<>(stored.positions()));
  }

  /**
   * Runs an action and records it with its outcome, {@code outcome} of its result or the exception's message
   * (rethrown); returns the result.
   */
  private <T> T audited(String action, String target, String detail, Supplier<T> run, Function<T, String> outcome) {
    Objects.requireNonNull(target, "target");
    T result;
    try {
      result = run.get();
    } catch (RuntimeException e) {
      audit.record(actor, action, target, detail, "refused: " + e.getMessage());
      throw e;
    }
    audit.record(actor, action, target, detail, outcome.apply(result));
    return result;
  }

  private InspectedEvent inspect(Row row) {
    Optional<Object> payload;
    Optional<String> undecodable;
    try {
      EventEnvelope<Object> envelope = EventRows.decode(store, row);
      payload = Optional.of(envelope.payload());
      undecodable = Optional.empty();
    } catch (UnknownEventTypeException | EventDeserializationException e) {
      payload = Optional.empty();
      undecodable = Optional.of(e.getMessage());
    }
    Map<String, String> metadata = row.getMap("metadata", String.class, String.class);
    return new InspectedEvent(row.getLong("version"), row.getUuid("event_id"), row.getString("event_type"),
        row.getInt("event_revision"), row.getInstant("ts"), row.getString("user_id"), metadata,
        row.getString("payload"), payload, undecodable);
  }
}
