package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.ExtraTypeCodecs;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link OrderHistory}. Do not edit.
 *
 * <p>The Cassandra table {@code order_history} of the read model {@link OrderHistory}: one row per (customer_id, year, placed_at, order_id).
 * Construct it with the session and the keyspace holding the table (the statements use
 * {@code keyspace.order_history}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts
 * and sessions whose keyspace is set. Statements are prepared once, on first use (without
 * blocking a thread when that use is an {@code ...Async} operation), so call
 * {@link #createIfNotExists()} (or create the table otherwise) first. Each read and write has a
 * non-blocking {@code ...Async} variant returning a {@code CompletionStage}. Instances are
 * thread-safe.
 *
 * <p>Record-typed columns are JSON written and read by the {@code ObjectMapper} given to the
 * constructor: pass the store's {@code EventStoreOptions.objectMapper()}.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class OrderHistoryTable {
  /**
   * The table's name, without keyspace.
   */
  public static final String TABLE = "order_history";

  /**
   * Creates the table in the session's keyspace, if it does not exist.
   */
  public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS order_history (year int, customer_id uuid, placed_at timestamp, order_id uuid, total_cents bigint, amount decimal, delivery_day date, status text, items list<text>, flags set<text>, quantities map<text, int>, ship_to text, returns list<text>, rating double, item_count int, priority smallint, tier tinyint, weight float, distance double, gift boolean, PRIMARY KEY ((customer_id, year), placed_at, order_id))";

  private static final String DEFINITION = "(year int, customer_id uuid, placed_at timestamp, order_id uuid, total_cents bigint, amount decimal, delivery_day date, status text, items list<text>, flags set<text>, quantities map<text, int>, ship_to text, returns list<text>, rating double, item_count int, priority smallint, tier tinyint, weight float, distance double, gift boolean, PRIMARY KEY ((customer_id, year), placed_at, order_id))";

  private static final String COLUMNS = "year, customer_id, placed_at, order_id, total_cents, amount, delivery_day, status, items, flags, quantities, ship_to, returns, rating, item_count, priority, tier, weight, distance, gift";

  private static final String KEYSPACE_PATTERN = "[a-z][a-z0-9_]{0,47}";

  private static final TypeCodec<OrderHistory.Status> STATUS_CODEC = ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class);

  private static final TypeCodec<List<String>> ITEMS_CODEC = TypeCodecs.listOf(TypeCodecs.TEXT);

  private static final TypeCodec<Set<OrderHistory.Status>> FLAGS_CODEC = TypeCodecs.setOf(ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class));

  private static final TypeCodec<Map<String, Integer>> QUANTITIES_CODEC = TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.INT);

  private final CqlSession session;

  private final String qualifiedName;

  private final TypeCodec<OrderHistory.Address> shipToCodec;

  private final TypeCodec<List<OrderHistory.Address>> returnsCodec;

  private volatile Statements statements;

  /**
   * @param session the session to run statements on
   * @param keyspace the keyspace holding the table: a lowercase unquoted identifier
   * @param objectMapper writes and reads the record-typed columns: pass the store's
   *     {@code EventStoreOptions.objectMapper()}, the one events and snapshots are written with
   * @throws IllegalArgumentException if {@code keyspace} is not one
   */
  public OrderHistoryTable(CqlSession session, String keyspace, ObjectMapper objectMapper) {
    this.session = Objects.requireNonNull(session, "session");
    if (keyspace == null || !keyspace.matches(KEYSPACE_PATTERN)) {
      throw new IllegalArgumentException("invalid keyspace name '" + keyspace + "': use a lowercase unquoted CQL identifier ([a-z][a-z0-9_]{0,47})");
    }
    this.qualifiedName = keyspace + '.' + TABLE;
    Objects.requireNonNull(objectMapper, "objectMapper");
    this.shipToCodec = ExtraTypeCodecs.json(OrderHistory.Address.class, objectMapper);
    this.returnsCodec = TypeCodecs.listOf(ExtraTypeCodecs.json(OrderHistory.Address.class, objectMapper));
  }

  /**
   * Creates the table if it does not exist (the driver waits for schema agreement).
   */
  public void createIfNotExists() {
    session.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName + " " + DEFINITION);
  }

  /**
   * Inserts the row, or replaces every column of the row with the same key. A null column
   * value clears that column.
   */
  public void upsert(OrderHistory row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.customerId(), "customerId (a key column)");
    Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
    Objects.requireNonNull(row.orderId(), "orderId (a key column)");
    session.execute(bindUpsert(statements(), row));
  }

  /**
   * {@link #upsert} without blocking a thread: the stage completes when the row is written.
   */
  public CompletionStage<Void> upsertAsync(OrderHistory row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.customerId(), "customerId (a key column)");
    Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
    Objects.requireNonNull(row.orderId(), "orderId (a key column)");
    return statementsAsync()
            .thenCompose(prepared -> session.executeAsync(bindUpsert(prepared, row)))
            .thenApply(written -> null);
  }

  /**
   * {@link #upsert} without blocking a thread: the stage completes when the row is written.
   *
   * <p>The write carries {@code writeTimestamp} (microseconds) instead of the current time. Of two writes to
   * a column, Cassandra keeps the one with the higher timestamp whatever their order, so a handler that
   * writes a row from the events of one aggregate only can pass the event's version: an event handled
   * again after a crash then never overwrites what a later event wrote, and needs no read to find out.
   * Write such rows only this way: a write at the current time always wins over one at a version.
   */
  public CompletionStage<Void> upsertAsync(OrderHistory row, long writeTimestamp) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.customerId(), "customerId (a key column)");
    Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
    Objects.requireNonNull(row.orderId(), "orderId (a key column)");
    return statementsAsync()
            .thenCompose(prepared -> session.executeAsync(bindUpsert(prepared, row).setQueryTimestamp(writeTimestamp)))
            .thenApply(written -> null);
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<OrderHistory> find(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return Optional.ofNullable(this.session.execute(statements().bindFind(customerId, year, placedAt, orderId)).one()).map(this::read);
  }

  /**
   * {@link #find} without blocking a thread.
   */
  public CompletionStage<Optional<OrderHistory>> findAsync(UUID customerId, int year,
      Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindFind(customerId, year, placedAt, orderId)))
            .thenApply(result -> Optional.ofNullable(result.one()).map(this::read));
  }

  /**
   * Upserts rows of one partition in one unlogged batch, without blocking a thread: one request,
   * and one mutation of the partition on each replica. Meant for a few rows: Cassandra warns about
   * batches above {@code batch_size_warn_threshold} (5 KiB by default) and rejects them above
   * {@code batch_size_fail_threshold} (50 KiB).
   *
   * @throws IllegalArgumentException if the rows do not all have the partition key of the first
   */
  public CompletionStage<Void> upsertAllAsync(List<OrderHistory> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    for (OrderHistory row : rows) {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(row.customerId(), "customerId (a key column)");
      Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
      Objects.requireNonNull(row.orderId(), "orderId (a key column)");
      if (!samePartition(rows.get(0), row)) {
        throw new IllegalArgumentException("upsertAllAsync writes rows of one partition, but these rows are in two: " + partitionOf(rows.get(0)) + " and " + partitionOf(row));
      }
    }
    return statementsAsync()
            .thenCompose(prepared -> session.executeAsync(bindUpsertAll(prepared, rows)))
            .thenApply(written -> null);
  }

  /**
   * Upserts rows of one partition in one unlogged batch, without blocking a thread: one request,
   * and one mutation of the partition on each replica. Meant for a few rows: Cassandra warns about
   * batches above {@code batch_size_warn_threshold} (5 KiB by default) and rejects them above
   * {@code batch_size_fail_threshold} (50 KiB).
   *
   * <p>The write carries {@code writeTimestamp} (microseconds) instead of the current time. Of two writes to
   * a column, Cassandra keeps the one with the higher timestamp whatever their order, so a handler that
   * writes a row from the events of one aggregate only can pass the event's version: an event handled
   * again after a crash then never overwrites what a later event wrote, and needs no read to find out.
   * Write such rows only this way: a write at the current time always wins over one at a version.
   *
   * @throws IllegalArgumentException if the rows do not all have the partition key of the first
   */
  public CompletionStage<Void> upsertAllAsync(List<OrderHistory> rows, long writeTimestamp) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    for (OrderHistory row : rows) {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(row.customerId(), "customerId (a key column)");
      Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
      Objects.requireNonNull(row.orderId(), "orderId (a key column)");
      if (!samePartition(rows.get(0), row)) {
        throw new IllegalArgumentException("upsertAllAsync writes rows of one partition, but these rows are in two: " + partitionOf(rows.get(0)) + " and " + partitionOf(row));
      }
    }
    return statementsAsync()
            .thenCompose(prepared -> session.executeAsync(bindUpsertAll(prepared, rows).setQueryTimestamp(writeTimestamp)))
            .thenApply(written -> null);
  }

  /**
   * The rows of one partition, in clustering order. The first page is read now; the next
   * pages are read as the stream is consumed (page size: the driver's {@code basic.request.page-size}).
   */
  public Stream<OrderHistory> findByPartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return StreamSupport.stream(this.session.execute(statements().bindFindByPartition(customerId, year)).map(this::read).spliterator(), false);
  }

  /**
   * {@link #findByPartition} without blocking a thread: every page is read, each one after
   * the one before, and the stage completes with all rows of the partition in clustering order. For
   * partitions that fit in memory; read larger ones page by page through {@link #findByPartition}.
   */
  public CompletionStage<List<OrderHistory>> findByPartitionAsync(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindFindByPartition(customerId, year)))
            .thenCompose(first -> readAll(first, new ArrayList<>()));
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    this.session.execute(statements().bindDelete(customerId, year, placedAt, orderId));
  }

  /**
   * {@link #delete} without blocking a thread: the stage completes when the row is deleted.
   */
  public CompletionStage<Void> deleteAsync(UUID customerId, int year, Instant placedAt,
      UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindDelete(customerId, year, placedAt, orderId)))
            .thenApply(written -> null);
  }

  /**
   * {@link #delete} without blocking a thread: the stage completes when the row is deleted.
   *
   * <p>The deletion carries {@code writeTimestamp} (microseconds) instead of the current time: it hides what
   * was written at or below that timestamp, not what is written above it. Pass the event's version, as to
   * {@code upsertAsync(row, writeTimestamp)}: an earlier event handled again after a crash then cannot
   * bring back a row that a later event deleted.
   */
  public CompletionStage<Void> deleteAsync(UUID customerId, int year, Instant placedAt,
      UUID orderId, long writeTimestamp) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindDelete(customerId, year, placedAt, orderId).setQueryTimestamp(writeTimestamp)))
            .thenApply(written -> null);
  }

  /**
   * Deletes every row of one partition.
   */
  public void deletePartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    this.session.execute(statements().bindDeletePartition(customerId, year));
  }

  /**
   * {@link #deletePartition} without blocking a thread: the stage completes when the rows are
   * deleted.
   */
  public CompletionStage<Void> deletePartitionAsync(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindDeletePartition(customerId, year)))
            .thenApply(written -> null);
  }

  /**
   * Removes every row, e.g. before a projection rebuild.
   */
  public void truncate() {
    session.execute("TRUNCATE " + qualifiedName);
  }

  private OrderHistory read(Row row) {
    return new OrderHistory(
            row.getInt(0),
            row.get(1, TypeCodecs.UUID),
            row.get(2, TypeCodecs.TIMESTAMP),
            row.get(3, TypeCodecs.UUID),
            row.getLong(4),
            row.get(5, TypeCodecs.DECIMAL),
            row.get(6, TypeCodecs.DATE),
            row.get(7, STATUS_CODEC),
            row.get(8, ITEMS_CODEC),
            row.get(9, FLAGS_CODEC),
            row.get(10, QUANTITIES_CODEC),
            row.get(11, shipToCodec),
            row.get(12, returnsCodec),
            row.get(13, TypeCodecs.DOUBLE),
            row.get(14, TypeCodecs.INT),
            row.getShort(15),
            row.getByte(16),
            row.getFloat(17),
            row.getDouble(18),
            row.get(19, TypeCodecs.BOOLEAN));
  }

  private static boolean samePartition(OrderHistory a, OrderHistory b) {
    return Objects.equals(a.customerId(), b.customerId())
            && a.year() == b.year();
  }

  private static String partitionOf(OrderHistory row) {
    return "(customerId=" + row.customerId() + ", year=" + row.year() + ")";
  }

  /**
   * Adds the rows of {@code page} and of the pages after it to {@code rows}, fetching each next
   * page when the one before is read.
   */
  private CompletionStage<List<OrderHistory>> readAll(AsyncResultSet page,
      List<OrderHistory> rows) {
    for (Row row : page.currentPage()) {
      rows.add(read(row));
    }
    if (!page.hasMorePages()) {
      return CompletableFuture.completedFuture(rows);
    }
    return page.fetchNextPage().thenCompose(next -> readAll(next, rows));
  }

  private BoundStatement bindUpsert(Statements prepared, OrderHistory row) {
    return prepared.upsert().boundStatementBuilder()
            .setInt(0, row.year())
            .set(1, row.customerId(), TypeCodecs.UUID)
            .set(2, row.placedAt(), TypeCodecs.TIMESTAMP)
            .set(3, row.orderId(), TypeCodecs.UUID)
            .setLong(4, row.total())
            .set(5, row.amount(), TypeCodecs.DECIMAL)
            .set(6, row.deliveryDay(), TypeCodecs.DATE)
            .set(7, row.status(), STATUS_CODEC)
            .set(8, row.items(), ITEMS_CODEC)
            .set(9, row.flags(), FLAGS_CODEC)
            .set(10, row.quantities(), QUANTITIES_CODEC)
            .set(11, row.shipTo(), shipToCodec)
            .set(12, row.returns(), returnsCodec)
            .set(13, row.rating(), TypeCodecs.DOUBLE)
            .set(14, row.itemCount(), TypeCodecs.INT)
            .setShort(15, row.priority())
            .setByte(16, row.tier())
            .setFloat(17, row.weight())
            .setDouble(18, row.distance())
            .set(19, row.gift(), TypeCodecs.BOOLEAN)
            .build();
  }

  private BatchStatement bindUpsertAll(Statements prepared, List<OrderHistory> rows) {
    return BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(rows.stream().map(row -> bindUpsert(prepared, row)).toList());
  }

  /**
   * Prepares the statements on first use; the table must exist by then. The driver prepares a
   * query once per session, so first uses that race share one preparation.
   */
  private Statements statements() {
    Statements prepared = statements;
    return prepared != null ? prepared : keep(Statements.prepare(session, qualifiedName));
  }

  /**
   * {@link #statements()} without blocking a thread while they are prepared.
   */
  private CompletionStage<Statements> statementsAsync() {
    Statements prepared = statements;
    return prepared != null
            ? CompletableFuture.completedFuture(prepared)
            : Statements.prepareAsync(session, qualifiedName).thenApply(this::keep);
  }

  private Statements keep(Statements prepared) {
    statements = prepared;
    return prepared;
  }

  private record Statements(PreparedStatement upsert, PreparedStatement find,
      PreparedStatement findByPartition, PreparedStatement delete,
      PreparedStatement deletePartition) {
    /**
     * The statements' CQL, in the order of the components.
     */
    static List<String> cql(String table) {
      return List.of(
              "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              "SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?",
              "SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ? AND year = ?",
              "DELETE FROM " + table + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?",
              "DELETE FROM " + table + " WHERE customer_id = ? AND year = ?");
    }

    static Statements prepare(CqlSession session, String table) {
      List<String> cql = cql(table);
      return new Statements(
              session.prepare(cql.get(0)),
              session.prepare(cql.get(1)),
              session.prepare(cql.get(2)),
              session.prepare(cql.get(3)),
              session.prepare(cql.get(4)));
    }

    /**
     * Prepares every statement at once; completes when all are prepared.
     */
    static CompletionStage<Statements> prepareAsync(CqlSession session, String table) {
      List<CompletableFuture<PreparedStatement>> prepared = cql(table).stream()
              .map(query -> session.prepareAsync(query).toCompletableFuture())
              .toList();
      return CompletableFuture.allOf(prepared.toArray(new CompletableFuture<?>[0]))
              .thenApply(all -> new Statements(
                  prepared.get(0).join(),
                  prepared.get(1).join(),
                  prepared.get(2).join(),
                  prepared.get(3).join(),
                  prepared.get(4).join()));
    }

    BoundStatement bindFind(UUID customerId, int year, Instant placedAt, UUID orderId) {
      return this.find.boundStatementBuilder()
              .set(0, customerId, TypeCodecs.UUID)
              .setInt(1, year)
              .set(2, placedAt, TypeCodecs.TIMESTAMP)
              .set(3, orderId, TypeCodecs.UUID)
              .build();
    }

    BoundStatement bindFindByPartition(UUID customerId, int year) {
      return this.findByPartition.boundStatementBuilder()
              .set(0, customerId, TypeCodecs.UUID)
              .setInt(1, year)
              .build();
    }

    BoundStatement bindDelete(UUID customerId, int year, Instant placedAt, UUID orderId) {
      return this.delete.boundStatementBuilder()
              .set(0, customerId, TypeCodecs.UUID)
              .setInt(1, year)
              .set(2, placedAt, TypeCodecs.TIMESTAMP)
              .set(3, orderId, TypeCodecs.UUID)
              .build();
    }

    BoundStatement bindDeletePartition(UUID customerId, int year) {
      return this.deletePartition.boundStatementBuilder()
              .set(0, customerId, TypeCodecs.UUID)
              .setInt(1, year)
              .build();
    }
  }
}
