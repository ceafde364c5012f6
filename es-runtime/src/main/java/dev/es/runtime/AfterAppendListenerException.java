package dev.es.runtime;

/**
 * The events were appended (see {@link #result()}) but an after-append listener failed. The append is not
 * undone; the first failure is the cause, further ones are suppressed.
 */
public final class AfterAppendListenerException extends EventStoreException {
  private final transient AppendResult result;

  public AfterAppendListenerException(AppendResult result, Throwable cause) {
    super("events up to version " + result.currentVersion() + " of aggregate " + result.aggregateId()
        + " were stored, but an after-append listener failed: " + cause, cause);
    this.result = result;
  }

  /** What was stored. */
  public AppendResult result() {
    return result;
  }
}
