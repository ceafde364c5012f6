package dev.es.runtime.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventStoreOptions;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Which aggregates hold events with a subject's personal data: their snapshots may hold the clear text in the
 * aggregate's state, so forgetting the subject deletes them. A pair is written before the append that needs it
 * (a crash in between leaves a listed stream without such events, never the reverse), once per process: a
 * bounded cache remembers the pairs written. Rows are kept after the subject is forgotten, so that streams that
 * gain new personal data later are still listed.
 */
final class SubjectStreams {

  private record Pair(String subject, UUID aggregateId) {}

  private final CqlSession session;
  private final EventStoreOptions options;
  private final Supplier<SubjectStatements> statements;
  private final BoundedCache<Pair, Boolean> recorded;

  SubjectStreams(CqlSession session, EventStoreOptions options, Supplier<SubjectStatements> statements) {
    this.session = session;
    this.options = options;
    this.statements = statements;
    this.recorded = new BoundedCache<>(options.subjectKeyCacheSize(), BoundedCache.FOREVER);
  }

  /** Lists the aggregate under each subject; returns once every pair not written by this process is written. */
  void record(UUID aggregateId, Collection<String> subjects) {
    for (String subject : subjects) {
      Pair pair = new Pair(subject, aggregateId);
      if (!recorded.contains(pair)) {
        session.execute(statements.get().insertStream.bind(subject, aggregateId)
            .setConsistencyLevel(options.writeConsistency()));
        recorded.put(pair, Boolean.TRUE);
      }
    }
  }

  /** Hands every aggregate listed under the subject to {@code action}, reading page by page; returns the count. */
  long forEachAggregate(String subject, Consumer<UUID> action) {
    long count = 0;
    for (Row row : session.execute(statements.get().selectStreams.bind(subject)
        .setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize()))) {
      action.accept(row.getUuid("aggregate_id"));
      count++;
    }
    return count;
  }
}
