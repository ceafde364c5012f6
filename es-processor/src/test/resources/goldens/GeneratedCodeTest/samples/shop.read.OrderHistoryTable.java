package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.ExtraTypeCodecs;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link OrderHistory}. Do not edit.
 *
 * <p>The Cassandra table {@code order_history} of the read model {@link OrderHistory}: one row per (customer_id, year, placed_at, order_id).
 * Construct it with the session and the keyspace holding the table (the statements use
 * {@code keyspace.order_history}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts
 * and sessions whose keyspace is set. Statements are prepared once, on first use, so call
 * {@link #createIfNotExists()} (or create the table otherwise) first. Instances are
 * thread-safe.
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

  /**
   * Writes and reads the record-typed columns.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .build();

  private static final TypeCodec<OrderHistory.Status> STATUS_CODEC = ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class);

  private static final TypeCodec<List<String>> ITEMS_CODEC = TypeCodecs.listOf(TypeCodecs.TEXT);

  private static final TypeCodec<Set<OrderHistory.Status>> FLAGS_CODEC = TypeCodecs.setOf(ExtraTypeCodecs.enumNamesOf(OrderHistory.Status.class));

  private static final TypeCodec<Map<String, Integer>> QUANTITIES_CODEC = TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.INT);

  private static final TypeCodec<OrderHistory.Address> SHIP_TO_CODEC = ExtraTypeCodecs.json(OrderHistory.Address.class, JSON);

  private static final TypeCodec<List<OrderHistory.Address>> RETURNS_CODEC = TypeCodecs.listOf(ExtraTypeCodecs.json(OrderHistory.Address.class, JSON));

  private final CqlSession session;

  private final String qualifiedName;

  private volatile Statements statements;

  /**
   * @param session the session to run statements on
   * @param keyspace the keyspace holding the table: a lowercase unquoted identifier
   * @throws IllegalArgumentException if {@code keyspace} is not one
   */
  public OrderHistoryTable(CqlSession session, String keyspace) {
    this.session = Objects.requireNonNull(session, "session");
    if (keyspace == null || !keyspace.matches(KEYSPACE_PATTERN)) {
      throw new IllegalArgumentException("invalid keyspace name '" + keyspace + "': use a lowercase unquoted CQL identifier ([a-z][a-z0-9_]{0,47})");
    }
    this.qualifiedName = keyspace + '.' + TABLE;
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
    session.execute(statements().upsert().boundStatementBuilder()
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
            .set(11, row.shipTo(), SHIP_TO_CODEC)
            .set(12, row.returns(), RETURNS_CODEC)
            .set(13, row.rating(), TypeCodecs.DOUBLE)
            .set(14, row.itemCount(), TypeCodecs.INT)
            .setShort(15, row.priority())
            .setByte(16, row.tier())
            .setFloat(17, row.weight())
            .setDouble(18, row.distance())
            .set(19, row.gift(), TypeCodecs.BOOLEAN)
            .build());
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<OrderHistory> find(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    return Optional.ofNullable(this.session.execute(statements().find().boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .set(2, placedAt, TypeCodecs.TIMESTAMP)
            .set(3, orderId, TypeCodecs.UUID)
            .build()).one()).map(OrderHistoryTable::read);
  }

  /**
   * The rows of one partition, in clustering order. The first page is read now; the next
   * pages are read as the stream is consumed (page size: the driver's {@code basic.request.page-size}).
   */
  public Stream<OrderHistory> findByPartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    return StreamSupport.stream(this.session.execute(statements().findByPartition().boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .build()).map(OrderHistoryTable::read).spliterator(), false);
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(UUID customerId, int year, Instant placedAt, UUID orderId) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(orderId, "orderId");
    this.session.execute(statements().delete().boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .set(2, placedAt, TypeCodecs.TIMESTAMP)
            .set(3, orderId, TypeCodecs.UUID)
            .build());
  }

  /**
   * Deletes every row of one partition.
   */
  public void deletePartition(UUID customerId, int year) {
    Objects.requireNonNull(customerId, "customerId");
    this.session.execute(statements().deletePartition().boundStatementBuilder()
            .set(0, customerId, TypeCodecs.UUID)
            .setInt(1, year)
            .build());
  }

  /**
   * Removes every row, e.g. before a projection rebuild.
   */
  public void truncate() {
    session.execute("TRUNCATE " + qualifiedName);
  }

  private static OrderHistory read(Row row) {
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
            row.get(11, SHIP_TO_CODEC),
            row.get(12, RETURNS_CODEC),
            row.get(13, TypeCodecs.DOUBLE),
            row.get(14, TypeCodecs.INT),
            row.getShort(15),
            row.getByte(16),
            row.getFloat(17),
            row.getDouble(18),
            row.get(19, TypeCodecs.BOOLEAN));
  }

  /**
   * Prepares the statements on first use; the table must exist by then.
   */
  private Statements statements() {
    Statements prepared = statements;
    if (prepared == null) {
      synchronized (this) {
        prepared = statements;
        if (prepared == null) {
          prepared = Statements.prepare(session, qualifiedName);
          statements = prepared;
        }
      }
    }
    return prepared;
  }

  private record Statements(PreparedStatement upsert, PreparedStatement find,
      PreparedStatement findByPartition, PreparedStatement delete,
      PreparedStatement deletePartition) {
    static Statements prepare(CqlSession session, String table) {
      return new Statements(
              session.prepare("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
              session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?"),
              session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ? AND year = ?"),
              session.prepare("DELETE FROM " + table + " WHERE customer_id = ? AND year = ? AND placed_at = ? AND order_id = ?"),
              session.prepare("DELETE FROM " + table + " WHERE customer_id = ? AND year = ?"));
    }
  }
}
