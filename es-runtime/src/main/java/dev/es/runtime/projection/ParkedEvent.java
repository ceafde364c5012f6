package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEventRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event a projection did not handle and set aside under its {@link FailurePolicy#PARK} policy, with the later
 * events of the same aggregate held back behind it.
 *
 * @param projection the projection's name
 * @param event which event: shard and position, id, type and stored revision, aggregate and version
 * @param failure why it is parked: the last error, or, for a held-back event, which parked version it waits for
 * @param attempts how many times it was tried; 0 for an event held back without being tried
 * @param parkedAt when it was parked
 * @param requested a retry or skip asked for through {@link ParkedEvents} that the projection's worker has not
 *     done yet
 */
public record ParkedEvent(String projection, FeedEventRef event, String failure, int attempts, Instant parkedAt,
    Optional<Request> requested) {

  /** What was asked for a parked event. */
  public enum Request {
    /** Handle the aggregate's parked events again, in version order. */
    RETRY,
    /** Remove the event without handling it. */
    SKIP
  }

  public ParkedEvent {
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(parkedAt, "parkedAt");
    Objects.requireNonNull(requested, "requested");
  }

  /** Whether it was held back behind an earlier parked event of its aggregate rather than failing itself. */
  public boolean heldBack() {
    return attempts == 0;
  }

  /** A one-line report naming the projection and the event, and why it is parked. */
  public String describe() {
    return "Projection '" + projection + "' parked " + event.describe() + " at " + parkedAt + " after " + attempts
        + " attempts: " + failure + requested.map(r -> " (" + r + " requested)").orElse("");
  }
}
