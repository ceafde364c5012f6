package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;

/**
 * Creates a table of the runner's and waits until every node knows it. Statements are prepared right after, and
 * on a cluster a node that has not applied the new schema yet refuses them ("table does not exist"); the driver's
 * own wait for schema agreement after DDL gives up after a few seconds, which a loaded cluster can exceed.
 */
final class TableCreation {

  private static final Duration AGREEMENT_PATIENCE = Duration.ofSeconds(60);

  private TableCreation() {}

  static void create(CqlSession session, String createIfNotExists) {
    boolean agreed = session.execute(SimpleStatement.newInstance(createIfNotExists)
            .setTimeout(Duration.ofSeconds(60)))
        .getExecutionInfo().isSchemaInAgreement();
    long deadline = System.nanoTime() + AGREEMENT_PATIENCE.toNanos();
    while (!agreed && System.nanoTime() < deadline) {
      agreed = session.checkSchemaAgreement();
      if (!agreed) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
