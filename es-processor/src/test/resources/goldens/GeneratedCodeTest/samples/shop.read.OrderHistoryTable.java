package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.ExtraTypeCodecs;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.spi.AbstractTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link OrderHistory}. Do not edit.
 *
 * <p>The Cassandra table {@code order_history} of the read model {@link OrderHistory}: one row per (customer_id, year, placed_at, order_id).
 * Construct it with the session and the keyspace holding the table (the statements use
 * {@code keyspace.order_history}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts
 * and sessions whose keyspace is set. Statements are prepared once, on first use (without
 * blocking a thread when that use is an {@code ...Async} operation), so call
 * {@link #initialize()} (or create the table otherwise) first. Each read and write has a
 * non-blocking {@code ...Async} variant returning a {@code CompletionStage}. Instances are
 * thread-safe.
 *
 * <p>Record-typed columns are JSON written and read by the {@code ObjectMapper} given to the
 * constructor: pass the store's {@code EventStoreOptions.objectMapper()}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class OrderHistoryTable extends AbstractTable<OrderHistory> {
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

  private static final TypeCodec<OrderHistory.Status> STATUS_CODEC = ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class);

  private static final TypeCodec<List<String>> ITEMS_CODEC = TypeCodecs.listOf(TypeCodecs.TEXT);

  private static final TypeCodec<Set<OrderHistory.Status>> FLAGS_CODEC = TypeCodecs.setOf(ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class));

  private static final TypeCodec<Map<String, Integer>> QUANTITIES_CODEC = TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.INT);

  private final TypeCodec<OrderHistory.Address> shipToCodec = json(OrderHistory.Address.class);

  private final TypeCodec<List<OrderHistory.Address>> returnsCodec = TypeCodecs.listOf(json(OrderHistory.Address.class));

  private final AbstractTable.LazyStatement upsert = statement("INSERT INTO " + qualifiedName() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  private final AbstractTable.LazyStatement find = statement("SELECT " + COLUMNS + " FROM " + qualifiedName() + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?");

  private final AbstractTable.LazyStatement findByPartition = statement("SELECT " + COLUMNS + " FROM " + qualifiedName() + " WHERE customer_id = ? AND year = ?");

  private final AbstractTable.LazyStatement delete = statement("DELETE FROM " + qualifiedName() + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?");

  private final AbstractTable.LazyStatement deletePartition = statement("DELETE FROM " + qualifiedName() + " WHERE customer_id = ? AND year = ?");

  /**
   * @param session the session to run statements on
   * @param keyspace the keyspace holding the table: a lowercase unquoted identifier
   * @param objectMapper writes and reads the record-typed columns: pass the store's
   *     {@code EventStoreOptions.objectMapper()}, the one events and snapshots are written with
   * @throws InvalidIdentifierException if {@code keyspace} is not one
   */
  public OrderHistoryTable(CqlSession session, String keyspace, ObjectMapper objectMapper) {
    super(session, keyspace, TABLE, DEFINITION, objectMapper);
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
    write(this.upsert, prepared -> bindUpsert(prepared, row));
  }

  /**
   * {@link #upsert} without blocking a thread: the stage completes when the row is written.
   */
  public CompletionStage<Void> upsertAsync(OrderHistory row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.customerId(), "customerId (a key column)");
    Objects.requireNonNull(row.placedAt(), "placedAt (a key column)");
    Objects.requireNonNull(row.orderId(), "orderId (a key column)");
    return writeAsync(this.upsert, prepared -> bindUpsert(prepared, row));
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
    return writeAsync(this.upsert, prepared -> bindUpsert(prepared, row).setQueryTimestamp(writeTimestamp));
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<OrderHistory> find(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return findOne(this.find, prepared -> bindPrimaryKey(prepared, customerId, year, placedAt, orderId));
  }

  /**
   * {@link #find} without blocking a thread.
   */
  public CompletionStage<Optional<OrderHistory>> findAsync(UUID customerId, int year,
      Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return findOneAsync(this.find, prepared -> bindPrimaryKey(prepared, customerId, year, placedAt, orderId));
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
    return writeAsync(this.upsert, prepared -> unloggedBatch(rows, row -> bindUpsert(prepared, row)));
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
    return writeAsync(this.upsert, prepared -> unloggedBatch(rows, row -> bindUpsert(prepared, row)).setQueryTimestamp(writeTimestamp));
  }

  /**
   * The rows of one partition, in clustering order. The first page is read now; the next
   * pages are read as the stream is consumed (page size: the driver's {@code basic.request.page-size}).
   */
  public Stream<OrderHistory> findByPartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return findAll(this.findByPartition, prepared -> bindPartitionKey(prepared, customerId, year));
  }

  /**
   * {@link #findByPartition} without blocking a thread: every page is read, each one after
   * the one before, and the stage completes with all rows of the partition in clustering order. For
   * partitions that fit in memory; read larger ones page by page through {@link #findByPartition}.
   */
  public CompletionStage<List<OrderHistory>> findByPartitionAsync(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return findAllAsync(this.findByPartition, prepared -> bindPartitionKey(prepared, customerId, year));
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    write(this.delete, prepared -> bindPrimaryKey(prepared, customerId, year, placedAt, orderId));
  }

  /**
   * {@link #delete} without blocking a thread: the stage completes when the row is deleted.
   */
  public CompletionStage<Void> deleteAsync(UUID customerId, int year, Instant placedAt,
      UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return writeAsync(this.delete, prepared -> bindPrimaryKey(prepared, customerId, year, placedAt, orderId));
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
    return writeAsync(this.delete, prepared -> bindPrimaryKey(prepared, customerId, year, placedAt, orderId).setQueryTimestamp(writeTimestamp));
  }

  /**
   * Deletes every row of one partition.
   */
  public void deletePartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    write(this.deletePartition, prepared -> bindPartitionKey(prepared, customerId, year));
  }

  /**
   * {@link #deletePartition} without blocking a thread: the stage completes when the rows are
   * deleted.
   */
  public CompletionStage<Void> deletePartitionAsync(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return writeAsync(this.deletePartition, prepared -> bindPartitionKey(prepared, customerId, year));
  }

  @Override
  protected OrderHistory read(Row row) {
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

  private BoundStatement bindUpsert(PreparedStatement prepared, OrderHistory row) {
    return prepared.boundStatementBuilder()
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

  private BoundStatement bindPrimaryKey(PreparedStatement prepared, UUID customerId, int year,
      Instant placedAt, UUID orderId) {
    return prepared.boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .set(2, placedAt, TypeCodecs.TIMESTAMP)
            .set(3, orderId, TypeCodecs.UUID)
            .build();
  }

  private BoundStatement bindPartitionKey(PreparedStatement prepared, UUID customerId, int year) {
    return prepared.boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .build();
  }
}
