package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link UserByEmail}. Do not edit.
 *
 * <p>The Cassandra table {@code user_by_email} of the read model {@link UserByEmail}: one row per (email).
 * Construct it with the session and the keyspace holding the table (the statements use
 * {@code keyspace.user_by_email}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts
 * and sessions whose keyspace is set. Statements are prepared once, on first use (without
 * blocking a thread when that use is an {@code ...Async} operation), so call
 * {@link #createIfNotExists()} (or create the table otherwise) first. Each read and write has a
 * non-blocking {@code ...Async} variant returning a {@code CompletionStage}. Instances are
 * thread-safe.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class UserByEmailTable {
  /**
   * The table's name, without keyspace.
   */
  public static final String TABLE = "user_by_email";

  /**
   * Creates the table in the session's keyspace, if it does not exist.
   */
  public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS user_by_email (email text, user_id uuid, name text, active boolean, PRIMARY KEY ((email)))";

  private static final String DEFINITION = "(email text, user_id uuid, name text, active boolean, PRIMARY KEY ((email)))";

  private static final String COLUMNS = "email, user_id, name, active";

  private static final String KEYSPACE_PATTERN = "[a-z][a-z0-9_]{0,47}";

  private final CqlSession session;

  private final String qualifiedName;

  private volatile Statements statements;

  /**
   * @param session the session to run statements on
   * @param keyspace the keyspace holding the table: a lowercase unquoted identifier
   * @throws IllegalArgumentException if {@code keyspace} is not one
   */
  public UserByEmailTable(CqlSession session, String keyspace) {
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
  public void upsert(UserByEmail row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
    session.execute(bindUpsert(statements(), row));
  }

  /**
   * {@link #upsert} without blocking a thread: the stage completes when the row is written.
   */
  public CompletionStage<Void> upsertAsync(UserByEmail row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
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
  public CompletionStage<Void> upsertAsync(UserByEmail row, long writeTimestamp) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
    return statementsAsync()
            .thenCompose(prepared -> session.executeAsync(bindUpsert(prepared, row).setQueryTimestamp(writeTimestamp)))
            .thenApply(written -> null);
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<UserByEmail> find(String email) {
    Objects.requireNonNull(email, "email");
    return Optional.ofNullable(this.session.execute(statements().bindFind(email)).one()).map(this::read);
  }

  /**
   * {@link #find} without blocking a thread.
   */
  public CompletionStage<Optional<UserByEmail>> findAsync(String email) {
    Objects.requireNonNull(email, "email");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindFind(email)))
            .thenApply(result -> Optional.ofNullable(result.one()).map(this::read));
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(String email) {
    Objects.requireNonNull(email, "email");
    this.session.execute(statements().bindDelete(email));
  }

  /**
   * {@link #delete} without blocking a thread: the stage completes when the row is deleted.
   */
  public CompletionStage<Void> deleteAsync(String email) {
    Objects.requireNonNull(email, "email");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindDelete(email)))
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
  public CompletionStage<Void> deleteAsync(String email, long writeTimestamp) {
    Objects.requireNonNull(email, "email");
    return statementsAsync()
            .thenCompose(prepared -> this.session.executeAsync(prepared.bindDelete(email).setQueryTimestamp(writeTimestamp)))
            .thenApply(written -> null);
  }

  /**
   * Removes every row, e.g. before a projection rebuild.
   */
  public void truncate() {
    session.execute("TRUNCATE " + qualifiedName);
  }

  private UserByEmail read(Row row) {
    return new UserByEmail(
            row.get(0, TypeCodecs.TEXT),
            row.get(1, TypeCodecs.UUID),
            row.get(2, TypeCodecs.TEXT),
            row.getBoolean(3));
  }

  private BoundStatement bindUpsert(Statements prepared, UserByEmail row) {
    return prepared.upsert().boundStatementBuilder()
            .set(0, row.email(), TypeCodecs.TEXT)
            .set(1, row.userId(), TypeCodecs.UUID)
            .set(2, row.name(), TypeCodecs.TEXT)
            .setBoolean(3, row.active())
            .build();
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
      PreparedStatement delete) {
    /**
     * The statements' CQL, in the order of the components.
     */
    static List<String> cql(String table) {
      return List.of(
              "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
              "SELECT " + COLUMNS + " FROM " + table + " WHERE email = ?",
              "DELETE FROM " + table + " WHERE email = ?");
    }

    static Statements prepare(CqlSession session, String table) {
      List<String> cql = cql(table);
      return new Statements(
              session.prepare(cql.get(0)),
              session.prepare(cql.get(1)),
              session.prepare(cql.get(2)));
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
                  prepared.get(2).join()));
    }

    BoundStatement bindFind(String email) {
      return this.find.boundStatementBuilder()
              .set(0, email, TypeCodecs.TEXT)
              .build();
    }

    BoundStatement bindDelete(String email) {
      return this.delete.boundStatementBuilder()
              .set(0, email, TypeCodecs.TEXT)
              .build();
    }
  }
}
