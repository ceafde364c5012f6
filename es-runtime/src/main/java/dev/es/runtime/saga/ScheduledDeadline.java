package dev.es.runtime.saga;

import java.util.Objects;
import java.util.UUID;

/**
 * A deadline pending on a saga instance, as {@link SagaControl#deadlines} lists it.
 *
 * @param saga the saga
 * @param instance the instance that scheduled it
 * @param deadline what fires, and when
 */
public record ScheduledDeadline(String saga, UUID instance, SagaDeadline deadline) {

  public ScheduledDeadline {
    Objects.requireNonNull(saga, "saga");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(deadline, "deadline");
  }
}
