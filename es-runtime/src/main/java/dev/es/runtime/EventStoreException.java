package dev.es.runtime;

/** Base of the event store's own exceptions. */
public class EventStoreException extends RuntimeException {
  public EventStoreException(String message) {
    super(message);
  }

  public EventStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
