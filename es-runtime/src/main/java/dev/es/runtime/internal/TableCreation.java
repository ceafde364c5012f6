package dev.es.runtime.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.es.runtime.MissingTableException;
import java.time.Duration;

/**
 * Creates the runtime's tables and prepares statements on them. On a cluster a node that has not applied a new
 * table yet refuses a statement on it ("table … does not exist"), and the driver's own wait for schema agreement
 * after DDL gives up after a few seconds, which a loaded cluster exceeds; so creating waits for agreement, and
 * preparing waits out that refusal while the schema is not in agreement, for a minute at most. A table missing
 * from a schema in agreement was never created: preparing then fails at once, naming the table and the call that
 * creates it.
 */
public final class TableCreation {

  private static final Duration AGREEMENT_PATIENCE = Duration.ofSeconds(60);

  private TableCreation() {}

  /** Runs one {@code CREATE … IF NOT EXISTS} (or another idempotent DDL statement) and waits for agreement. */
  public static void create(CqlSession session, String ddl) {
    boolean agreed = session.execute(SimpleStatement.newInstance(ddl)
            .setTimeout(AGREEMENT_PATIENCE))
        .getExecutionInfo().isSchemaInAgreement();
    long deadline = System.nanoTime() + AGREEMENT_PATIENCE.toNanos();
    while (!agreed && System.nanoTime() < deadline && pause()) {
      agreed = session.checkSchemaAgreement();
    }
  }

  /**
   * Prepares a statement on {@code table}.
   *
   * @param createdBy the call that creates the table, named in the error if it does not exist
   * @throws MissingTableException if the table does not exist once the schema is in agreement
   */
  public static PreparedStatement prepare(CqlSession session, String table, String createdBy, String cql) {
    long deadline = System.nanoTime() + AGREEMENT_PATIENCE.toNanos();
    while (true) {
      try {
        return session.prepare(cql);
      } catch (InvalidQueryException e) {
        if (!missingTable(e)) {
          throw e;
        }
        if (session.checkSchemaAgreement() || System.nanoTime() > deadline || !pause()) {
          throw new MissingTableException(table, createdBy, e);
        }
      }
    }
  }

  /** Cassandra says "table … does not exist" (older versions "unconfigured table …"). */
  private static boolean missingTable(InvalidQueryException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("does not exist") || message.contains("unconfigured table");
  }

  /** False if interrupted (the interrupt is kept). */
  private static boolean pause() {
    try {
      Thread.sleep(200);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
