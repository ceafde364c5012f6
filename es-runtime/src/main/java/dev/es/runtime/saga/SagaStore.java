package dev.es.runtime.saga;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.internal.TableCreation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads and writes the saga tables (created by {@link SagaRunner#initialize}); every statement prepared once, every
 * value bound.
 */
final class SagaStore {

  private final CqlSession session;
  private final ObjectMapper json;
  private final ConsistencyLevel read;
  private final ConsistencyLevel write;
  private final ConsistencyLevel serial;
  private final java.time.Clock clock;
  private final PreparedStatement selectInstance;
  private final PreparedStatement insertInstance;
  private final PreparedStatement updateInstance;
  private final PreparedStatement markPublished;
  private final PreparedStatement addDeferred;
  private final PreparedStatement selectAssociated;
  private final PreparedStatement insertAssociation;
  private final PreparedStatement deleteAssociation;
  private final PreparedStatement insertDeadline;
  private final PreparedStatement deleteDeadline;
  private final PreparedStatement selectDue;
  private final PreparedStatement selectAnyInBucket;
  private final PreparedStatement insertBucket;
  private final PreparedStatement selectBuckets;
  private final PreparedStatement deleteBucket;
  private final PreparedStatement insertParked;
  private final PreparedStatement deleteParked;
  private final PreparedStatement endParked;
  private final PreparedStatement selectParked;

  SagaStore(CqlSession session, EventStoreOptions options) {
    this.session = session;
    this.json = options.objectMapper();
    this.read = options.readConsistency();
    this.write = options.writeConsistency();
    this.serial = options.serialConsistency();
    this.clock = options.clock();
    SagaSchema schema = new SagaSchema(options.keyspace());
    String instances = schema.table(SagaSchema.INSTANCES);
    String columns = "state, version, ended, parked, error, parked_event, handled, deadlines, associations, outbox, "
        + "outbox_published, compensations, deferred";
    selectInstance = prepare(instances, "SELECT " + columns + " FROM " + instances + " WHERE saga = ? AND instance = ?");
    insertInstance = prepare(instances, "INSERT INTO " + instances + " (saga, instance, state, version, ended, parked,"
        + " error, parked_event, handled, deadlines, associations, outbox, compensations, updated)"
        + " VALUES (:saga, :instance, :state, :version, :ended, :parked, :error, :parked_event, :handled,"
        + " :deadlines, :associations, :outbox, :compensations, :updated) IF NOT EXISTS");
    updateInstance = prepare(instances, "UPDATE " + instances + " SET state = :state, version = :version,"
        + " ended = :ended, parked = :parked, error = :error, parked_event = :parked_event,"
        + " handled = handled + :handled, deadlines = :deadlines, associations = :associations, outbox = :outbox,"
        + " compensations = :compensations, updated = :updated"
        + " WHERE saga = :saga AND instance = :instance IF version = :expected");
    markPublished = prepare(instances, "UPDATE " + instances + " SET outbox_published = ? WHERE saga = ? AND instance = ?");
    addDeferred = prepare(instances, "UPDATE " + instances + " SET deferred = deferred + ?"
        + " WHERE saga = ? AND instance = ?");
    String associations = schema.table(SagaSchema.ASSOCIATIONS);
    selectAssociated = prepare(associations, "SELECT instance FROM " + associations
        + " WHERE saga = ? AND property = ? AND value = ?");
    insertAssociation = prepare(associations, "INSERT INTO " + associations + " (saga, property, value, instance)"
        + " VALUES (?, ?, ?, ?)");
    deleteAssociation = prepare(associations, "DELETE FROM " + associations
        + " WHERE saga = ? AND property = ? AND value = ? AND instance = ?");
    String deadlines = schema.table(SagaSchema.DEADLINES);
    insertDeadline = prepare(deadlines, "INSERT INTO " + deadlines
        + " (saga, bucket, due, deadline, instance, name, payload, scheduled_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    deleteDeadline = prepare(deadlines, "DELETE FROM " + deadlines
        + " WHERE saga = ? AND bucket = ? AND due = ? AND deadline = ?");
    selectDue = prepare(deadlines, "SELECT due, deadline, instance, name, payload, scheduled_version FROM " + deadlines
        + " WHERE saga = ? AND bucket = ? AND due <= ?");
    selectAnyInBucket = prepare(deadlines, "SELECT deadline FROM " + deadlines + " WHERE saga = ? AND bucket = ? LIMIT 1");
    String buckets = schema.table(SagaSchema.BUCKETS);
    insertBucket = prepare(buckets, "INSERT INTO " + buckets + " (saga, bucket) VALUES (?, ?)");
    selectBuckets = prepare(buckets, "SELECT bucket FROM " + buckets + " WHERE saga = ? AND bucket <= ?");
    deleteBucket = prepare(buckets, "DELETE FROM " + buckets + " WHERE saga = ? AND bucket = ?");
    String parked = schema.table(SagaSchema.PARKED);
    insertParked = prepare(parked, "INSERT INTO " + parked + " (saga, instance) VALUES (?, ?)");
    deleteParked = prepare(parked, "DELETE FROM " + parked + " WHERE saga = ? AND instance = ?");
    endParked = prepare(instances, "UPDATE " + instances + " SET ended = true, parked = false, version = ?,"
        + " deadlines = ?, updated = ? WHERE saga = ? AND instance = ? IF version = ? AND parked = true");
    selectParked = prepare(parked, "SELECT instance FROM " + parked + " WHERE saga = ? LIMIT ?");
  }

  private PreparedStatement prepare(String table, String cql) {
    return TableCreation.prepare(session, table, "SagaRunner.initialize(feed)", cql);
  }

  // ---------------------------------------------------------------- instances

  /**
   * The instance as last written, or an older version of it: a read at the normal consistency level may miss a
   * Paxos round still in progress. Whatever it shows was decided (only conditional writes change the row), so a
   * handled id or an end it shows is final; anything it does not show must be settled by {@link #loadSerial} or
   * by a conditional write on the version it read.
   */
  Optional<InstanceRow> load(String saga, UUID instance) {
    return load(saga, instance, read);
  }

  /** The instance as last written: the serial read finishes any Paxos round in progress first. */
  Optional<InstanceRow> loadSerial(String saga, UUID instance) {
    return load(saga, instance, serial);
  }

  private Optional<InstanceRow> load(String saga, UUID instance, ConsistencyLevel consistency) {
    Row row = session.execute(selectInstance.bind(saga, instance).setConsistencyLevel(consistency)).one();
    if (row == null || row.isNull("version")) {
      return Optional.empty();
    }
    long version = row.getLong("version");
    // an outbox already appended is no longer anyone's business
    List<StagedEvent> outbox = !row.isNull("outbox_published") && row.getLong("outbox_published") >= version
        ? List.of() : list(row.getString("outbox"), StagedEvent.class);
    return Optional.of(new InstanceRow(instance, row.getString("state"), version,
        row.getBoolean("ended"), row.getBoolean("parked"), row.getString("error"), row.getUuid("parked_event"),
        row.getSet("handled", UUID.class), list(row.getString("deadlines"), SagaDeadline.class),
        list(row.getString("associations"), Association.class), outbox,
        list(row.getString("compensations"), StagedEvent.class), row.getSet("deferred", UUID.class)));
  }

  /**
   * Writes {@code next} if the stored instance is still at {@code expectedVersion} (0: not stored yet), adding
   * {@code handledId} to its handled ids in the same conditional write. False if another writer got there first.
   */
  boolean commit(String saga, long expectedVersion, InstanceRow next, UUID handledId) {
    if (!next.outbox().stream().allMatch(StagedEvent::observed)
        || !next.compensations().stream().allMatch(StagedEvent::observed)) {
      throw new IllegalStateException("saga " + saga + " instance " + next.instance() + ": a staged event without"
          + " the version of its stream would be stored; its publication could not be repeated safely");
    }
    boolean insert = expectedVersion == 0;
    BoundStatementBuilder b = (insert ? insertInstance : updateInstance).boundStatementBuilder()
        .setString("saga", saga)
        .setUuid("instance", next.instance())
        .setString("state", next.state())
        .setLong("version", next.version())
        .setBoolean("ended", next.ended())
        .setBoolean("parked", next.parked())
        .setSet("handled", Set.of(handledId), UUID.class)
        .setString("deadlines", text(next.deadlines()))
        .setString("associations", text(next.associations()))
        .setString("compensations", text(next.compensations()))
        .setInstant("updated", clock.instant());
    // an insert leaves absent values unset (no tombstones); an update must overwrite them
    String outbox = next.outbox().isEmpty() ? null : text(next.outbox());
    if (!insert || next.error() != null) {
      b.setString("error", next.error());
    }
    if (!insert || next.parkedEvent() != null) {
      b.setUuid("parked_event", next.parkedEvent());
    }
    if (!insert || outbox != null) {
      b.setString("outbox", outbox);
    }
    if (!insert) {
      b.setLong("expected", expectedVersion);
    }
    return session.execute(b.build().setConsistencyLevel(write).setSerialConsistencyLevel(serial)).wasApplied();
  }

  /**
   * Records that the outbox of {@code version} is appended. A plain write, not a Paxos round: the column is never
   * written conditionally, so the two kinds of write never race on one cell, and a mark lost to a crash (or
   * outrun by an older mark from a process with a faster clock) only makes the next load append the outbox again,
   * which finds each event already stored.
   */
  CompletionStage<Void> markPublished(String saga, UUID instance, long version) {
    return session.executeAsync(markPublished.bind(version, saga, instance).setConsistencyLevel(write))
        .thenApply(done -> null);
  }

  /** Records an event that reached a parked instance, so it is visible rather than silently dropped. */
  void addDeferred(String saga, UUID instance, UUID eventId) {
    session.execute(addDeferred.bind(Set.of(eventId), saga, instance).setConsistencyLevel(write));
  }

  /** Lists an instance among the saga's parked ones: before the conditional write that parks it. */
  CompletionStage<Void> listParked(String saga, UUID instance) {
    return session.executeAsync(insertParked.bind(saga, instance).setConsistencyLevel(write)).thenApply(done -> null);
  }

  /**
   * Ends a parked instance at {@code version} (its state, error and compensations kept, its deadlines dropped) and
   * removes its listing; false if it changed meanwhile or is not parked.
   */
  boolean endParked(String saga, UUID instance, long version) {
    boolean ended = session.execute(endParked.bind(version + 1, text(List.of()), clock.instant(), saga, instance,
        version).setConsistencyLevel(write).setSerialConsistencyLevel(serial)).wasApplied();
    if (ended) {
      session.execute(deleteParked.bind(saga, instance).setConsistencyLevel(write));
    }
    return ended;
  }

  /** Up to {@code limit} instances listed as parked, in id order; a listed one may not be parked (its write lost). */
  List<UUID> listedParked(String saga, int limit) {
    List<UUID> ids = new ArrayList<>();
    for (Row row : session.execute(selectParked.bind(saga, limit).setConsistencyLevel(read))) {
      ids.add(row.getUuid("instance"));
    }
    return ids;
  }

  /** Up to {@code limit} parked instances, in id order: those listed whose row says parked. */
  List<InstanceRow> parked(String saga, int limit) {
    List<InstanceRow> parked = new ArrayList<>();
    for (UUID id : listedParked(saga, limit)) {
      load(saga, id).filter(InstanceRow::parked).ifPresent(parked::add);
    }
    return parked;
  }

  // ---------------------------------------------------------------- associations

  /** The instances associated with {@code association}: those whose row lists it, not merely an association row. */
  List<InstanceRow> associatedWith(String saga, Association association) {
    List<InstanceRow> found = new ArrayList<>();
    for (UUID id : associated(saga, association.property(), association.value())) {
      load(saga, id).filter(row -> row.associations().contains(association)).ifPresent(found::add);
    }
    return found;
  }

  List<UUID> associated(String saga, String property, String value) {
    List<UUID> ids = new ArrayList<>();
    for (Row row : session.execute(selectAssociated.bind(saga, property, value).setConsistencyLevel(read))) {
      ids.add(row.getUuid("instance"));
    }
    return ids;
  }

  CompletionStage<Void> associate(String saga, Association association, UUID instance) {
    return session.executeAsync(insertAssociation.bind(saga, association.property(), association.value(), instance)
        .setConsistencyLevel(write)).thenApply(done -> null);
  }

  void dissociate(String saga, Association association, UUID instance) {
    session.execute(deleteAssociation.bind(saga, association.property(), association.value(), instance)
        .setConsistencyLevel(write));
  }

  // ---------------------------------------------------------------- deadlines

  /**
   * A stored deadline, the instance it belongs to, and the instance version whose write schedules it (0 for a row
   * stored before es kept it).
   */
  record DueDeadline(UUID instance, long bucket, SagaDeadline deadline, long scheduledVersion) {}

  /**
   * Stores a deadline that the write of the instance's {@code scheduledVersion} will make pending, and marks its
   * bucket as non-empty. Idempotent: its id is deterministic (a retry of the step writes the version it retries at).
   */
  CompletionStage<Void> insertDeadline(String saga, UUID instance, SagaDeadline deadline, long bucket,
      long scheduledVersion) {
    return session.executeAsync(insertBucket.bind(saga, bucket).setConsistencyLevel(write))
        .thenCombine(session.executeAsync(insertDeadline.bind(saga, bucket, deadline.due(), deadline.id(), instance,
            deadline.name(), deadline.payload(), scheduledVersion).setConsistencyLevel(write)),
            (bucketRow, deadlineRow) -> null);
  }

  void deleteDeadline(String saga, long bucket, SagaDeadline deadline) {
    session.execute(deleteDeadline.bind(saga, bucket, deadline.due(), deadline.id()).setConsistencyLevel(write));
  }

  /** Non-empty buckets up to {@code last}, oldest first. */
  List<Long> buckets(String saga, long last) {
    List<Long> buckets = new ArrayList<>();
    for (Row row : session.execute(selectBuckets.bind(saga, last).setConsistencyLevel(read))) {
      buckets.add(row.getLong("bucket"));
    }
    return buckets;
  }

  /**
   * Deadlines of a bucket due at or before {@code now}, in due order, read page by page (the driver's page size) as
   * the stream is consumed, so that a crowded bucket is never held in memory whole.
   */
  Stream<DueDeadline> due(String saga, long bucket, Instant now) {
    ResultSet rows = session.execute(selectDue.bind(saga, bucket, now).setConsistencyLevel(read));
    return StreamSupport.stream(rows.spliterator(), false).map(row -> new DueDeadline(row.getUuid("instance"),
        bucket, new SagaDeadline(row.getUuid("deadline"), row.getString("name"), row.getInstant("due"),
            row.getString("payload")), row.getLong("scheduled_version")));
  }

  boolean bucketIsEmpty(String saga, long bucket) {
    return session.execute(selectAnyInBucket.bind(saga, bucket).setConsistencyLevel(read)).one() == null;
  }

  void deleteBucket(String saga, long bucket) {
    session.execute(deleteBucket.bind(saga, bucket).setConsistencyLevel(write));
  }

  // ---------------------------------------------------------------- JSON

  private String text(List<?> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write saga bookkeeping as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private <T> List<T> list(String text, Class<T> element) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    CollectionType type = json.getTypeFactory().constructCollectionType(List.class, element);
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read saga bookkeeping " + element.getSimpleName() + " from JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
