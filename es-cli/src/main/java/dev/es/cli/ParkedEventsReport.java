package dev.es.cli;

import dev.es.runtime.feed.FeedEventRef;
import dev.es.runtime.projection.ParkedEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code es projection parked} prints: the events a projection set aside under its {@code PARK} policy.
 *
 * @param projection the projection
 * @param limit the most events asked for: as many listed means there may be more
 * @param events shard by shard, per aggregate in version order
 */
record ParkedEventsReport(String projection, int limit, List<Parked> events) implements Report {

  /**
   * One parked event.
   *
   * @param aggregateId its aggregate: what {@code es projection retry} and {@code skip} take, with the version
   * @param version its version in the aggregate's stream
   * @param eventType the stored type name
   * @param revision the stored revision
   * @param eventId the event's id
   * @param shard the feed shard it is in
   * @param position its position there
   * @param timestamp when it was appended
   * @param attempts how many times it was tried; 0 for an event held back behind an earlier parked one
   * @param parkedAt when it was parked
   * @param failure why: the last error, or which parked version it waits for
   * @param requested {@code RETRY} or {@code SKIP} asked for and not done yet; null if none
   */
  record Parked(UUID aggregateId, long version, String eventType, int revision, UUID eventId, int shard,
      long position, Instant timestamp, int attempts, Instant parkedAt, String failure,
      ParkedEvent.Request requested) {}

  static ParkedEventsReport of(String projection, int limit, List<ParkedEvent> parked) {
    return new ParkedEventsReport(projection, limit, parked.stream().map(ParkedEventsReport::parked).toList());
  }

  private static Parked parked(ParkedEvent parked) {
    FeedEventRef event = parked.event();
    return new Parked(event.aggregateId(), event.version(), event.eventType(), event.revision(), event.eventId(),
        event.shard(), event.position(), event.timestamp(), parked.attempts(), parked.parkedAt(), parked.failure(),
        parked.requested().orElse(null));
  }

  @Override
  public void printText(PrintWriter out) {
    if (events.isEmpty()) {
      out.println("projection '" + projection + "' has no parked events");
      return;
    }
    Table table = new Table("AGGREGATE", "VERSION", "TYPE", "SHARD", "POSITION", "ATTEMPTS", "PARKED", "REQUESTED",
        "FAILURE");
    events.forEach(e -> table.row(e.aggregateId(), e.version(), e.eventType(), e.shard(), e.position(),
        e.attempts(), e.parkedAt(), e.requested(), e.failure()));
    table.print(out);
    if (events.size() == limit) {
      out.println("(the first " + limit + ": a greater --limit shows more)");
    }
  }
}
