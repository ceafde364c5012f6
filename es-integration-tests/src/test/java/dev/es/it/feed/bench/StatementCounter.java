package dev.es.it.feed.bench;

import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Counts the CQL statements a session sends to a node, and how many of them are lightweight transactions (a
 * statement or batch with an {@code IF} condition). Each attempt on a node counts: that is the node's work.
 */
final class StatementCounter implements RequestTracker {

  private static final Pattern CONDITION = Pattern.compile("(?i)\\sIF\\s");

  private final LongAdder statements = new LongAdder();
  private final LongAdder conditional = new LongAdder();

  /** What was counted up to now. */
  record Counts(long statements, long conditional) {
    Counts minus(Counts earlier) {
      return new Counts(statements - earlier.statements, conditional - earlier.conditional);
    }
  }

  Counts counts() {
    return new Counts(statements.sum(), conditional.sum());
  }

  @Override
  public void onNodeSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
      String requestLogPrefix) {
    count(request);
  }

  @Override
  public void onNodeError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
      Node node, String requestLogPrefix) {
    count(request);
  }

  @Override
  public void close() {}

  private void count(Request request) {
    if (request instanceof BatchStatement batch) {
      statements.increment();
      for (BatchableStatement<?> child : batch) {
        if (isConditional(child)) {
          conditional.increment();
          return;
        }
      }
    } else if (request instanceof BatchableStatement<?> statement) {
      statements.increment();
      if (isConditional(statement)) {
        conditional.increment();
      }
    }
  }

  private static boolean isConditional(BatchableStatement<?> statement) {
    String cql = statement instanceof BoundStatement bound ? bound.getPreparedStatement().getQuery()
        : statement instanceof SimpleStatement simple ? simple.getQuery() : "";
    return CONDITION.matcher(cql).find();
  }
}
