package dev.es.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids: the same inputs give the same id in every process and after every restart, which is what
 * makes a repeated instance creation, deadline write or event append idempotent.
 */
public final class SagaIds {

  private SagaIds() {}

  /** The instance a start event creates. */
  public static UUID instance(String saga, UUID startEventId) {
    return uuid("instance", saga, startEventId.toString());
  }

  /** The {@code index}-th event emitted while handling {@code cause} (an event id or a deadline id). */
  public static UUID emitted(String saga, UUID instance, UUID cause, int index) {
    return uuid("event", saga, instance + ":" + cause + ":" + index);
  }

  /** The {@code index}-th compensating event declared while handling {@code cause}. */
  public static UUID compensation(String saga, UUID instance, UUID cause, int index) {
    return uuid("compensation", saga, instance + ":" + cause + ":" + index);
  }

  /** The {@code index}-th deadline scheduled while handling {@code cause}. */
  public static UUID deadline(String saga, UUID instance, UUID cause, int index) {
    return uuid("deadline", saga, instance + ":" + cause + ":" + index);
  }

  private static UUID uuid(String kind, String saga, String rest) {
    return UUID.nameUUIDFromBytes(("es-saga:" + kind + ":" + saga + ":" + rest).getBytes(StandardCharsets.UTF_8));
  }
}
