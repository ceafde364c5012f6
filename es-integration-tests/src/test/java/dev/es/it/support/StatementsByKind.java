package dev.es.it.support;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the statements a session sends to its node by kind: the verb, the table, and whether it is a Paxos round
 * (a lightweight transaction: a statement or batch with an {@code IF} condition, or a read at a serial consistency
 * level). Each attempt counts: that is the node's work. Shows where the node's work goes.
 */
public final class StatementsByKind implements RequestTracker {

  private static final Pattern CONDITION = Pattern.compile("(?i)\\sIF\\s");
  private static final Pattern TABLE = Pattern.compile("(?i)(?:FROM|INTO|UPDATE)\\s+(?:\\w+\\.)?(\\w+)");

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder statements = new LongAdder();
  private final LongAdder paxos = new LongAdder();

  /** All statements and the Paxos rounds among them, counted up to a moment. */
  public record Totals(long statements, long paxos) {
    public Totals minus(Totals earlier) {
      return new Totals(statements - earlier.statements, paxos - earlier.paxos);
    }
  }

  /** Statements counted so far, by kind ("SELECT saga_instances, Paxos"), sorted by kind. */
  public Map<String, Long> counts() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((kind, count) -> sorted.put(kind, count.sum()));
    return sorted;
  }

  /** How many statements of one kind were counted so far, e.g. {@code count("UPDATE saga_instances, Paxos")}. */
  public long count(String kind) {
    LongAdder count = counts.get(kind);
    return count == null ? 0 : count.sum();
  }

  public Totals totals() {
    return new Totals(statements.sum(), paxos.sum());
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
      boolean paxos = false;
      String first = null;
      for (BatchableStatement<?> child : batch) {
        paxos |= CONDITION.matcher(" " + cql(child)).find();
        first = first == null ? table(cql(child)) : first;
      }
      add("BATCH " + first, paxos);
    } else if (request instanceof BatchableStatement<?> statement) {
      String cql = cql(statement);
      String verb = cql.trim().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      ConsistencyLevel serial = statement.getConsistencyLevel();
      boolean ddl = verb.equals("CREATE") || verb.equals("ALTER") || verb.equals("DROP"); // IF NOT EXISTS: no Paxos
      boolean paxos = !ddl && (CONDITION.matcher(" " + cql).find()
          || serial == DefaultConsistencyLevel.SERIAL || serial == DefaultConsistencyLevel.LOCAL_SERIAL);
      add(verb + " " + table(cql), paxos);
    }
  }

  private void add(String kind, boolean isPaxos) {
    counts.computeIfAbsent(kind + (isPaxos ? ", Paxos" : ""), k -> new LongAdder()).increment();
    statements.increment();
    if (isPaxos) {
      paxos.increment();
    }
  }

  private static String cql(BatchableStatement<?> statement) {
    return statement instanceof BoundStatement bound ? bound.getPreparedStatement().getQuery()
        : statement instanceof SimpleStatement simple ? simple.getQuery() : "";
  }

  private static String table(String cql) {
    Matcher m = TABLE.matcher(cql);
    return m.find() ? m.group(1) : "?";
  }
}
