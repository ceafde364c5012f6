package dev.es.runtime.spi;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.codec.ExtraTypeCodecs;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.internal.CqlIdentifiers;
import dev.es.runtime.internal.TableCreation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What every generated {@code <Name>Table} of a {@code @Projection} record shares: the keyspace check, the
 * session, the {@code ObjectMapper} of JSON columns, {@link #initialize()}, statements prepared on first use, and
 * running them blocking or without blocking a thread. A generated table adds only what depends on the record: its
 * columns and keys, the CQL of its statements, and how a row is bound and read.
 *
 * <p>Instances are thread-safe.
 *
 * @param <R> the read-model record, one per row
 */
public abstract class AbstractTable<R> {

  private final CqlSession session;
  private final String qualifiedName;
  private final String definition;
  private final Optional<ObjectMapper> objectMapper;

  /**
   * A table without JSON columns.
   *
   * @param keyspace the keyspace holding the table: a lowercase unquoted CQL identifier
   * @param table the table's name, without keyspace
   * @param definition the table's columns and primary key, as {@code CREATE TABLE} takes them
   * @throws InvalidIdentifierException if {@code keyspace} or {@code table} is not a valid name
   */
  protected AbstractTable(CqlSession session, String keyspace, String table, String definition) {
    this(session, keyspace, table, definition, Optional.empty());
  }

  /**
   * A table with JSON columns, written and read by {@code objectMapper}: the store's
   * {@code EventStoreOptions.objectMapper()}, so that read models use the Jackson configuration of events and
   * snapshots.
   *
   * @throws InvalidIdentifierException if {@code keyspace} or {@code table} is not a valid name
   */
  protected AbstractTable(
      CqlSession session, String keyspace, String table, String definition, ObjectMapper objectMapper) {
    this(session, keyspace, table, definition, Optional.of(Objects.requireNonNull(objectMapper, "objectMapper")));
  }

  private AbstractTable(
      CqlSession session, String keyspace, String table, String definition, Optional<ObjectMapper> objectMapper) {
    this.session = Objects.requireNonNull(session, "session");
    this.qualifiedName = CqlIdentifiers.requireValid("keyspace", keyspace, CqlIdentifiers.MAX_LENGTH) + '.'
        + CqlIdentifiers.requireValid("table", table, CqlIdentifiers.MAX_LENGTH);
    this.definition = Objects.requireNonNull(definition, "definition");
    this.objectMapper = objectMapper;
  }

  /**
   * Creates the table if it does not exist, and waits until the cluster agrees on the schema. Idempotent and safe
   * from several processes at once; call it before the first read or write.
   */
  public final void initialize() {
    TableCreation.create(session, "CREATE TABLE IF NOT EXISTS " + qualifiedName + " " + definition);
  }

  /** Removes every row, e.g. before a projection rebuild. */
  public final void truncate() {
    session.execute("TRUNCATE " + qualifiedName);
  }

  /** {@code keyspace.table}: how the table's statements name it. */
  protected final String qualifiedName() {
    return qualifiedName;
  }

  /**
   * A statement of this table, prepared on first use. Declare every statement when the table is constructed;
   * nothing is sent to Cassandra until it runs.
   */
  protected final LazyStatement statement(String cql) {
    return new LazyStatement(session, cql);
  }

  /**
   * The codec of a record-typed column, as JSON through the table's {@code ObjectMapper}.
   *
   * @throws IllegalStateException if the table was constructed without one
   */
  protected final <T> TypeCodec<T> json(Class<T> type) {
    ObjectMapper mapper = objectMapper.orElseThrow(() -> new IllegalStateException(getClass().getName()
        + " was constructed without an ObjectMapper, so it cannot have the JSON column of " + type.getName()));
    return ExtraTypeCodecs.json(type, mapper);
  }

  /** The record of a row, read from the columns in the order the table's statements select them. */
  protected abstract R read(Row row);

  /** Runs a write and waits for it. */
  protected final void write(LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    session.execute(bind.apply(statement.prepared()));
  }

  /** Runs a write; the stage completes when it is written. */
  protected final CompletionStage<Void> writeAsync(
      LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return executeAsync(statement, bind).thenApply(written -> null);
  }

  /** Runs a query that selects one row or none. */
  protected final Optional<R> findOne(LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return Optional.ofNullable(session.execute(bind.apply(statement.prepared())).one()).map(this::read);
  }

  /** {@link #findOne} without blocking a thread. */
  protected final CompletionStage<Optional<R>> findOneAsync(
      LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return executeAsync(statement, bind).thenApply(result -> Optional.ofNullable(result.one()).map(this::read));
  }

  /**
   * Runs a query and streams its rows: the first page is read now, the next ones as the stream is consumed (page
   * size: the driver's {@code basic.request.page-size}).
   */
  protected final Stream<R> findAll(LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return StreamSupport.stream(
        session.execute(bind.apply(statement.prepared())).map(this::read).spliterator(), false);
  }

  /**
   * {@link #findAll} without blocking a thread: every page is read, each one after the one before, and the stage
   * completes with all rows in the order Cassandra returned them.
   */
  protected final CompletionStage<List<R>> findAllAsync(
      LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return executeAsync(statement, bind).thenCompose(first -> readAll(first, new ArrayList<>()));
  }

  /** One unlogged batch of a statement bound once per row: for rows of one partition, one mutation per replica. */
  protected static <T> BatchStatement unloggedBatch(List<T> rows, Function<T, BoundStatement> bind) {
    return BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(rows.stream().map(bind).toList());
  }

  private CompletionStage<AsyncResultSet> executeAsync(
      LazyStatement statement, Function<PreparedStatement, Statement<?>> bind) {
    return statement.preparedAsync().thenCompose(prepared -> session.executeAsync(bind.apply(prepared)));
  }

  /** Adds the rows of {@code page} and of the pages after it, fetching each next page when the one before is read. */
  private CompletionStage<List<R>> readAll(AsyncResultSet page, List<R> rows) {
    for (Row row : page.currentPage()) {
      rows.add(read(row));
    }
    if (!page.hasMorePages()) {
      return CompletableFuture.completedFuture(rows);
    }
    return page.fetchNextPage().thenCompose(next -> readAll(next, rows));
  }

  /**
   * A statement of the table, prepared on its first use, blocking or not (the table must exist by then). A
   * failed preparation is tried again at the next use; the driver prepares a query once per session, so first
   * uses that race share one preparation.
   */
  protected static final class LazyStatement {
    private final CqlSession session;
    private final String cql;
    private volatile PreparedStatement prepared;

    private LazyStatement(CqlSession session, String cql) {
      this.session = session;
      this.cql = Objects.requireNonNull(cql, "cql");
    }

    private PreparedStatement prepared() {
      PreparedStatement statement = prepared;
      return statement != null ? statement : keep(session.prepare(cql));
    }

    /** {@link #prepared()} without blocking a thread while the statement is prepared. */
    private CompletionStage<PreparedStatement> preparedAsync() {
      PreparedStatement statement = prepared;
      return statement != null
          ? CompletableFuture.completedFuture(statement)
          : session.prepareAsync(cql).thenApply(this::keep);
    }

    private PreparedStatement keep(PreparedStatement statement) {
      prepared = statement;
      return statement;
    }
  }
}
