package dev.es.runtime.projection;

import java.util.Objects;

/**
 * How a {@link ProjectionRunner} runs one projection.
 *
 * @param failurePolicy what happens to an event the projection cannot handle: stop there, or park it and go on
 */
public record ProjectionOptions(FailurePolicy failurePolicy) {

  public ProjectionOptions {
    Objects.requireNonNull(failurePolicy, "failurePolicy");
  }

  /** Stops at an event it cannot handle ({@link FailurePolicy#STOP}). */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(FailurePolicy.STOP);
  }

  public ProjectionOptions withFailurePolicy(FailurePolicy policy) {
    return new ProjectionOptions(policy);
  }
}
