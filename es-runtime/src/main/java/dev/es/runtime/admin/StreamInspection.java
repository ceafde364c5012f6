package dev.es.runtime.admin;

import dev.es.runtime.StoredSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One aggregate's stream as stored: its head, how far the feed publisher has copied it, whether it is closed and
 * archived, a page of its events, and its snapshots.
 *
 * @param aggregateId the aggregate
 * @param aggregateType its type name, as its first event of the page stores it
 * @param head the stream's version: the version of its last event
 * @param published the version up to which the feed publisher has copied the stream into the feed
 * @param dirty whether an append has marked the stream for the publisher and the publisher has not yet cleared it
 * @param events the events asked for, in version order
 * @param snapshots the stored snapshots, newest first, each with the fingerprint of the serializer that wrote it
 * @param closedAt when the stream was closed ({@code CassandraEventStore.closeStream}); empty while it is open
 * @param archivedAt when its events were moved to the archive table ({@code StreamArchiver}); empty until then
 */
public record StreamInspection(
    UUID aggregateId,
    String aggregateType,
    long head,
    long published,
    boolean dirty,
    List<InspectedEvent> events,
    List<StoredSnapshot> snapshots,
    Optional<Instant> closedAt,
    Optional<Instant> archivedAt) {

  public StreamInspection {
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(aggregateType, "aggregateType");
    events = List.copyOf(events);
    snapshots = List.copyOf(snapshots);
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(archivedAt, "archivedAt");
  }

  /** An open stream. */
  public StreamInspection(UUID aggregateId, String aggregateType, long head, long published, boolean dirty,
      List<InspectedEvent> events, List<StoredSnapshot> snapshots) {
    this(aggregateId, aggregateType, head, published, dirty, events, snapshots, Optional.empty(), Optional.empty());
  }

  /** Whether every event of the stream is in the feed. */
  public boolean fullyPublished() {
    return !dirty && published >= head;
  }
}
