package dev.es.runtime.projection;

import java.time.Instant;
import java.util.Objects;

/**
 * The failure a runner stopped a projection on, as stored for operators until the projection is resumed.
 *
 * @param description the failure, naming the projection, the event and the cause ({@link ProjectionFailure#describe})
 * @param at when the runner stopped the projection
 * @param owner the runner
 */
public record ReportedFailure(String description, Instant at, String owner) {

  public ReportedFailure {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(owner, "owner");
  }
}
