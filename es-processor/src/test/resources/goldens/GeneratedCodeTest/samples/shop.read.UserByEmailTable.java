package shop.read;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link UserByEmail}. Do not edit.
 *
 * <p>The Cassandra table {@code user_by_email} of the read model {@link UserByEmail}: one row per (email).
 * Construct it with the session and the keyspace holding the table (the statements use
 * {@code keyspace.user_by_email}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts
 * and sessions whose keyspace is set. Statements are prepared once, on first use, so call
 * {@link #createIfNotExists()} (or create the table otherwise) first. Instances are
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
    session.execute(statements().upsert().boundStatementBuilder()
            .set(0, row.email(), TypeCodecs.TEXT)
            .set(1, row.userId(), TypeCodecs.UUID)
            .set(2, row.name(), TypeCodecs.TEXT)
            .setBoolean(3, row.active())
            .build());
  }

  /**
   * The row with this primary key, if there is one.
   */
  public Optional<UserByEmail> find(String email) {
    Objects.requireNonNull(email, "email");
    return Optional.ofNullable(this.session.execute(statements().find().boundStatementBuilder()
            .set(0, email, TypeCodecs.TEXT)
            .build()).one()).map(UserByEmailTable::read);
  }

  /**
   * Deletes the row with this primary key, if there is one.
   */
  public void delete(String email) {
    Objects.requireNonNull(email, "email");
    this.session.execute(statements().delete().boundStatementBuilder()
            .set(0, email, TypeCodecs.TEXT)
            .build());
  }

  /**
   * Removes every row, e.g. before a projection rebuild.
   */
  public void truncate() {
    session.execute("TRUNCATE " + qualifiedName);
  }

  private static UserByEmail read(Row row) {
    return new UserByEmail(
            row.get(0, TypeCodecs.TEXT),
            row.get(1, TypeCodecs.UUID),
            row.get(2, TypeCodecs.TEXT),
            row.getBoolean(3));
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
      PreparedStatement delete) {
    static Statements prepare(CqlSession session, String table) {
      return new Statements(
              session.prepare("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?)"),
              session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE email = ?"),
              session.prepare("DELETE FROM " + table + " WHERE email = ?"));
    }
  }
}
