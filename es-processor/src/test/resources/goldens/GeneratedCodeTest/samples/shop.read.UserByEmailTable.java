package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.spi.AbstractTable;
import java.util.Objects;
import java.util.Optional;
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
 * {@link #initialize()} (or create the table otherwise) first. Each read and write has a
 * non-blocking {@code ...Async} variant returning a {@code CompletionStage}. Instances are
 * thread-safe.
 */
@Generated("dev.es.processor.EsProcessor")
public final class UserByEmailTable extends AbstractTable<UserByEmail> {
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

  private final AbstractTable.LazyStatement upsert = statement("INSERT INTO " + qualifiedName() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?)");

  private final AbstractTable.LazyStatement find = statement("SELECT " + COLUMNS + " FROM " + qualifiedName() + " WHERE email = ?");

  private final AbstractTable.LazyStatement delete = statement("DELETE FROM " + qualifiedName() + " WHERE email = ?");

  /**
   * @param session the session to run statements on
   * @param keyspace the keyspace holding the table: a lowercase unquoted identifier
   * @throws InvalidIdentifierException if {@code keyspace} is not one
   */
  public UserByEmailTable(CqlSession session, String keyspace) {
    super(session, keyspace, TABLE, DEFINITION);
  }

  /**
   * Inserts the row, or replaces every column of the row with the same key. A null column
   * value clears that column.
   */
  public void upsert(UserByEmail row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
    write(this.upsert, prepared -> bindUpsert(prepared, row));
  }

  /**
   * {@link #upsert} without blocking a thread: the stage completes when the row is written.
   */
  public CompletionStage<Void> upsertAsync(UserByEmail row) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
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
  public CompletionStage<Void> upsertAsync(UserByEmail row, long writeTimestamp) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(row.email(), "email (a key column)");
    return writeAsync(this.upsert, prepared -> bindUpsert(prepared, row).setQueryTimestamp(writeTimestamp));
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<UserByEmail> find(String email) {
    Objects.requireNonNull(email, "email");
    return findOne(this.find, prepared -> bindPrimaryKey(prepared, email));
  }

  /**
   * {@link #find} without blocking a thread.
   */
  public CompletionStage<Optional<UserByEmail>> findAsync(String email) {
    Objects.requireNonNull(email, "email");
    return findOneAsync(this.find, prepared -> bindPrimaryKey(prepared, email));
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(String email) {
    Objects.requireNonNull(email, "email");
    write(this.delete, prepared -> bindPrimaryKey(prepared, email));
  }

  /**
   * {@link #delete} without blocking a thread: the stage completes when the row is deleted.
   */
  public CompletionStage<Void> deleteAsync(String email) {
    Objects.requireNonNull(email, "email");
    return writeAsync(this.delete, prepared -> bindPrimaryKey(prepared, email));
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
    return writeAsync(this.delete, prepared -> bindPrimaryKey(prepared, email).setQueryTimestamp(writeTimestamp));
  }

  @Override
  protected UserByEmail read(Row row) {
    return new UserByEmail(
            row.get(0, TypeCodecs.TEXT),
            row.get(1, TypeCodecs.UUID),
            row.get(2, TypeCodecs.TEXT),
            row.getBoolean(3));
  }

  private BoundStatement bindUpsert(PreparedStatement prepared, UserByEmail row) {
    return prepared.boundStatementBuilder()
            .set(0, row.email(), TypeCodecs.TEXT)
            .set(1, row.userId(), TypeCodecs.UUID)
            .set(2, row.name(), TypeCodecs.TEXT)
            .setBoolean(3, row.active())
            .build();
  }

  private BoundStatement bindPrimaryKey(PreparedStatement prepared, String email) {
    return prepared.boundStatementBuilder()
            .set(0, email, TypeCodecs.TEXT)
            .build();
  }
}
