package dev.es.runtime.projection;

/**
 * What a catch-up projection does with an event it cannot handle: one its handler keeps failing on after the
 * runner's retries, or one of a type it handles that cannot be decoded (an unknown revision, a broken payload).
 */
public enum FailurePolicy {

  /**
   * The projection stops at the event with a {@link ProjectionFailure} in its status, its checkpoint before the
   * event, so nothing is skipped; {@code start} resumes there once the cause is fixed. The default.
   */
  STOP,

  /**
   * The event is parked (see {@link ParkedEvents}) and the projection goes on; the later events of the same
   * aggregate are parked behind it, in order, until its parked events are retried or skipped, so an aggregate's
   * events are never handled out of order. Other aggregates are not held up.
   */
  PARK
}
