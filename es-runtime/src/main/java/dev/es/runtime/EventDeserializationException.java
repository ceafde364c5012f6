package dev.es.runtime;

import java.util.UUID;

/** A stored event's payload could not be turned into its record (corrupt JSON, wrong shape, failed upcast). */
public final class EventDeserializationException extends EventStoreException {
  private final UUID aggregateId;
  private final long version;
  private final String eventType;
  private final int revision;

  public EventDeserializationException(
      UUID aggregateId, long version, String eventType, int revision, Throwable cause) {
    super("cannot read event '" + eventType + "' revision " + revision + " at version " + version
        + " of aggregate " + aggregateId + ": " + cause.getMessage(), cause);
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
