package dev.es.runtime;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of a successful append.
 *
 * @param aggregateId the stream
 * @param previousVersion the stream's version before the append
 * @param currentVersion the stream's version after it (the version of the last appended event)
 * @param events the stored events, in order
 * @param alreadyStored true when these events (same ids) had already been stored by an earlier attempt
 */
public record AppendResult(
    UUID aggregateId,
    long previousVersion,
    long currentVersion,
    List<EventEnvelope<Object>> events,
    boolean alreadyStored) {

  public AppendResult {
    events = List.copyOf(events);
  }
}
