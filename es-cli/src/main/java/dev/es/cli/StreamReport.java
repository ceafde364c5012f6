package dev.es.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.admin.StreamInspection;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What {@code es stream} prints: one stream as {@link StreamInspection} shows it. Payloads and snapshot states are
 * shown as stored: the command line has none of the application's classes to decode them with.
 *
 * @param aggregateId the aggregate
 * @param aggregateType its type name
 * @param head the version of its last event
 * @param published the version up to which the feed publisher has copied it
 * @param dirty whether it is marked for the publisher
 * @param fullyPublished whether every event of it is in the feed
 * @param events the page of events asked for
 * @param snapshots its snapshots, newest first
 */
record StreamReport(
    UUID aggregateId,
    String aggregateType,
    long head,
    long published,
    boolean dirty,
    boolean fullyPublished,
    List<Event> events,
    List<Snapshot> snapshots) implements Report {

  /** An event: its envelope and its payload as stored; metadata in key order. */
  record Event(long version, UUID eventId, String eventType, int revision, Instant timestamp, String userId,
      SortedMap<String, String> metadata, JsonNode payload) {}

  /** A snapshot, with the fingerprint of the serializer that wrote it and its state as stored. */
  record Snapshot(long version, String fingerprint, Instant timestamp, JsonNode state) {}

  static StreamReport of(StreamInspection stream) {
    return new StreamReport(stream.aggregateId(), stream.aggregateType(), stream.head(), stream.published(),
        stream.dirty(), stream.fullyPublished(), stream.events().stream().map(StreamReport::event).toList(),
        stream.snapshots().stream().map(StreamReport::snapshot).toList());
  }

  private static Event event(InspectedEvent event) {
    return new Event(event.version(), event.eventId(), event.eventType(), event.revision(), event.timestamp(),
        event.userId(), new TreeMap<>(event.metadata()), Json.tree(event.json()));
  }

  private static Snapshot snapshot(StoredSnapshot snapshot) {
    return new Snapshot(snapshot.version(), snapshot.fingerprint(), snapshot.timestamp(), Json.tree(snapshot.state()));
  }

  @Override
  public void printText(PrintWriter out) {
    new Table()
        .row("aggregate", aggregateType + " " + aggregateId)
        .row("head", head)
        .row("published", publishing())
        .print(out);
    out.println();
    if (events.isEmpty()) {
      out.println("no events in this page: the stream's head is version " + head);
    } else {
      Table table = new Table("VERSION", "TYPE", "REVISION", "TIME", "USER", "PAYLOAD");
      events.forEach(e -> table.row(e.version(), e.eventType(), e.revision(), e.timestamp(), e.userId(), e.payload()));
      table.print(out);
      long last = events.get(events.size() - 1).version();
      if (last < head) {
        out.println("(more: --from " + (last + 1) + ")");
      }
    }
    out.println();
    if (snapshots.isEmpty()) {
      out.println("no snapshots");
    } else {
      Table table = new Table("SNAPSHOT", "FINGERPRINT", "TIME");
      snapshots.forEach(s -> table.row(s.version(), s.fingerprint(), s.timestamp()));
      table.print(out);
    }
  }

  /** How far the feed has the stream, and whether the publisher is to copy more of it. */
  private String publishing() {
    String copied = published >= head ? "the whole stream" : events(head - published) + " not yet in the feed";
    return published + " (" + copied + (dirty ? ", marked for the feed publisher" : "") + ")";
  }

  private static String events(long count) {
    return count == 1 ? "1 event" : count + " events";
  }
}
