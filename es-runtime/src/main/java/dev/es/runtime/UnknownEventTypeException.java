package dev.es.runtime;

import java.util.UUID;

/** A stored event's type name and revision match no registered event record. Never skipped silently. */
public final class UnknownEventTypeException extends EventStoreException {
  private final UUID aggregateId;
  private final long version;
  private final String eventType;
  private final int revision;

  public UnknownEventTypeException(UUID aggregateId, long version, String eventType, int revision) {
    super("unknown event type '" + eventType + "' revision " + revision + " at version " + version
        + " of aggregate " + aggregateId + ": no registered event record has this name and revision"
        + " (register the aggregate type, or the event type, with the store's EventRegistry)");
    this.aggregateId = aggregateId;
    this.version = version;
    this.eventType = eventType;
    this.revision = revision;
  }

  public UUID aggregateId() {
    return aggregateId;
  }

  public long version() {
    return version;
  }

  public String eventType() {
    return eventType;
  }

  public int revision() {
    return revision;
  }
}
