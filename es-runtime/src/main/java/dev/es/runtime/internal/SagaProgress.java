package dev.es.runtime.internal;

/** Points in a saga's handling of one event or deadline, reported to a {@link SagaProgressListener}. */
public enum SagaProgress {
  /** The new state, handled id and staged events are stored; the events are not appended yet. */
  STATE_WRITTEN,
  /** The staged events are appended and the outbox marked published; the feed checkpoint may still be behind. */
  EFFECTS_DONE
}
