package dev.es.runtime.saga;

import java.util.List;

/**
 * The saga tables, in the event store's keyspace.
 *
 * <p>{@code saga_instances}: one row per instance; every change of its state is a conditional write on {@code version}, and
 * the id of what was handled joins {@code handled} in that same write. {@code outbox} holds events decided by the
 * last handler; {@code outbox_published} the version whose outbox is appended (a plain write, see
 * {@link SagaStore#markPublished}); {@code deadlines} the pending deadlines (only these may fire).
 * {@code saga_associations}: association value to instances. {@code saga_deadlines}: deadlines by time bucket, so
 * that due ones are found with one partition read per bucket, each with the instance version whose write schedules
 * it ({@code scheduled_version}: the row is written before that version's state); {@code saga_deadline_buckets}: the non-empty buckets.
 * {@code saga_parked}: the parked instances of a saga, so that they can be listed without a scan (written before the
 * conditional write that parks, like association rows, so a row whose write then lost is filtered out when read).
 */
final class SagaSchema {

  static final String INSTANCES = "saga_instances";
  static final String ASSOCIATIONS = "saga_associations";
  static final String DEADLINES = "saga_deadlines";
  static final String BUCKETS = "saga_deadline_buckets";
  static final String PARKED = "saga_parked";

  private final String keyspace;

  SagaSchema(String keyspace) {
    this.keyspace = keyspace;
  }

  String table(String name) {
    return keyspace + "." + name;
  }

  List<String> createStatements() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + table(INSTANCES) + " ("
            + "saga text, instance uuid, state text, version bigint, ended boolean, parked boolean, error text, "
            + "parked_event uuid, handled set<uuid>, deadlines text, associations text, outbox text, "
            + "outbox_published bigint, compensations text, deferred set<uuid>, updated timestamp, "
            + "PRIMARY KEY ((saga, instance)))",
        // tables created before outbox_published existed; a no-op (no schema change) once it does
        "ALTER TABLE " + table(INSTANCES) + " ADD IF NOT EXISTS outbox_published bigint",
        "CREATE TABLE IF NOT EXISTS " + table(ASSOCIATIONS) + " ("
            + "saga text, property text, value text, instance uuid, "
            + "PRIMARY KEY ((saga, property, value), instance))",
        "CREATE TABLE IF NOT EXISTS " + table(DEADLINES) + " ("
            + "saga text, bucket bigint, due timestamp, deadline uuid, instance uuid, name text, payload text, "
            + "scheduled_version bigint, PRIMARY KEY ((saga, bucket), due, deadline))",
        "ALTER TABLE " + table(DEADLINES) + " ADD IF NOT EXISTS scheduled_version bigint",
        "CREATE TABLE IF NOT EXISTS " + table(BUCKETS) + " ("
            + "saga text, bucket bigint, PRIMARY KEY ((saga), bucket))",
        "CREATE TABLE IF NOT EXISTS " + table(PARKED) + " ("
            + "saga text, instance uuid, PRIMARY KEY ((saga), instance))");
  }
}
