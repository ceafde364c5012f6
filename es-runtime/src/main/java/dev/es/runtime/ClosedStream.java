package dev.es.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A closed stream: it takes no more events. Loads and reads go on as before, from the archive table once
 * {@link StreamArchiver} has moved its events there.
 *
 * @param aggregateId the aggregate
 * @param version the version it was closed at, its last event's
 * @param closedAt when it was closed
 * @param archivedAt when its events were moved to the archive table; empty while they are in the events table
 */
public record ClosedStream(UUID aggregateId, long version, Instant closedAt, Optional<Instant> archivedAt) {

  public ClosedStream {
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(archivedAt, "archivedAt");
  }

  /** Whether its events are in the archive table. */
  public boolean archived() {
    return archivedAt.isPresent();
  }
}
