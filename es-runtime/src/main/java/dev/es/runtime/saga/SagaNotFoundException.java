package dev.es.runtime.saga;

/** No saga of that name is registered on the feed, or it has no instance of that id. */
public final class SagaNotFoundException extends IllegalArgumentException {

  /** With a message naming the saga or instance not found. */
  public SagaNotFoundException(String message) {
    super(message);
  }
}
