package dev.es.runtime;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the events of closed streams ({@link CassandraEventStore#closeStream}) from the events table to the archive
 * table ({@link EventStoreOptions#archiveTable()}), so that the events table and the snapshots hold the streams that
 * live. Loads and reads of an archived stream read the archive table and give the same events as before; appends
 * still fail with {@link StreamClosedException}.
 *
 * <p>A run reads the closed streams listed by the day they were closed (the store lists each one as it closes it),
 * for the days up to its cutoff, and moves each stream closed before the cutoff whose events the feed has all
 * published ({@code dirty} false, {@code published} at the head): a stream still waiting for the feed stays, for a
 * later run. Each move is copy, mark, delete, each step safe to redo, so a run that stops anywhere is completed by
 * the next one. Run it on a schedule from one process; two runs at once are safe, only wasteful.
 */
public final class StreamArchiver {

  private static final Logger LOG = LoggerFactory.getLogger(StreamArchiver.class);

  private final CassandraEventStore store;
  private final CqlSession session;
  private final EventStoreOptions options;

  /** An archiver of the store's tables, which {@link CassandraEventStore#initialize()} created. */
  public StreamArchiver(CassandraEventStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.session = store.session();
    this.options = store.options();
  }

  /** Archives the streams closed at least {@code period} ago by the store's clock ({@link #archiveClosedBefore}). */
  public ArchiveRun archiveClosedFor(Duration period) {
    if (period.isNegative()) {
      throw new IllegalArgumentException("the period a stream has been closed must not be negative, was " + period);
    }
    return archiveClosedBefore(options.clock().instant().minus(period));
  }

  /**
   * Moves every stream closed before {@code cutoff} whose events are all published to the feed to the archive
   * table, and deletes its snapshots.
   *
   * @throws EventStoreException naming the stream, if a stream's rows do not run from version 1 to its head
   */
  public ArchiveRun archiveClosedBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    LifecycleStatements st = store.lifecycle();
    ArchiveMove move = new ArchiveMove(store);
    Instant now = options.clock().instant();
    LocalDate lastDay = day(cutoff);
    List<LocalDate> days = new ArrayList<>();
    // the table holds a partition per day with streams not archived yet: a few keys to list, not the events table
    for (Row row : session.execute(st.selectClosedDays.bind().setConsistencyLevel(options.readConsistency()))) {
      LocalDate day = row.getLocalDate("day");
      if (!day.isAfter(lastDay)) {
        days.add(day);
      }
    }
    days.sort(null);
    int archived = 0;
    int unpublished = 0;
    for (LocalDate day : days) {
      List<Row> done = new ArrayList<>();
      boolean kept = false;
      for (Row entry : session.execute(st.selectClosedEntries.bind(day)
          .setConsistencyLevel(options.readConsistency()).setPageSize(options.pageSize()))) {
        UUID aggregateId = entry.getUuid("aggregate_id");
        Instant listedAt = entry.getInstant("closed");
        ArchiveMove.Outcome outcome = listedAt.isBefore(cutoff)
            ? move.move(aggregateId, listedAt, cutoff, now) : ArchiveMove.Outcome.NOT_YET;
        switch (outcome) {
          case ARCHIVED -> {
            archived++;
            done.add(entry);
          }
          case STALE -> done.add(entry);
          case UNPUBLISHED -> {
            unpublished++;
            kept = true;
          }
          case NOT_YET -> kept = true;
        }
      }
      forget(day, done, kept, day(now));
    }
    LOG.info("archived {} closed streams of {}.{} closed before {}; {} wait for the feed to publish them",
        archived, options.keyspace(), options.eventsTable(), cutoff, unpublished);
    return new ArchiveRun(cutoff, archived, unpublished);
  }

  /**
   * Deletes the entries of streams archived or stale: the whole day, one tombstone, once none is left and no close
   * can still be listed under it (one whose clock is a day behind), else entry by entry.
   */
  private void forget(LocalDate day, List<Row> done, boolean kept, LocalDate today) {
    LifecycleStatements st = store.lifecycle();
    if (!kept && day.isBefore(today.minusDays(1))) {
      session.execute(st.deleteClosedDay.bind(day).setConsistencyLevel(options.writeConsistency()));
      return;
    }
    for (Row entry : done) {
      session.execute(st.deleteClosedEntry.bind(day, entry.getUuid("aggregate_id"), entry.getInstant("closed"))
          .setConsistencyLevel(options.writeConsistency()));
    }
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
