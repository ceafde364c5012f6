package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.time.Duration;

/**
 * Creates a table of the runner's and prepares statements on it. On a cluster a node that has not applied the new
 * table yet refuses a statement on it ("table … does not exist"), and the driver's own wait for schema agreement
 * after DDL gives up after a few seconds, which a loaded cluster exceeds; so creating waits for agreement, and
 * preparing waits out that one refusal, for a minute at most.
 */
final class TableCreation {

  private static final Duration AGREEMENT_PATIENCE = Duration.ofSeconds(60);

  private TableCreation() {}

  static void create(CqlSession session, String createIfNotExists) {
    boolean agreed = session.execute(SimpleStatement.newInstance(createIfNotExists)
            .setTimeout(Duration.ofSeconds(60)))
        .getExecutionInfo().isSchemaInAgreement();
    long deadline = System.nanoTime() + AGREEMENT_PATIENCE.toNanos();
    while (!agreed && System.nanoTime() < deadline && pause()) {
      agreed = session.checkSchemaAgreement();
    }
  }

  static PreparedStatement prepare(CqlSession session, String cql) {
    long deadline = System.nanoTime() + AGREEMENT_PATIENCE.toNanos();
    while (true) {
      try {
        return session.prepare(cql);
      } catch (InvalidQueryException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("does not exist") || System.nanoTime() > deadline || !pause()) {
          throw e;
        }
      }
    }
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
