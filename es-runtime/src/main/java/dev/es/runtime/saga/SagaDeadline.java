package dev.es.runtime.saga;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A deadline a saga instance scheduled: handed to {@code SagaType.onDeadline} when due.
 *
 * @param id unique, derived from the instance, the handled event and the call's index
 * @param name what the handler scheduled it for, e.g. {@code retry-email}
 * @param due when it fires (at the earliest)
 * @param payload free text the handler attached (may be empty)
 */
public record SagaDeadline(UUID id, String name, Instant due, String payload) {

  public SagaDeadline {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(due, "due");
    payload = payload == null ? "" : payload;
  }
}
