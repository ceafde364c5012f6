package dev.es.processor.model;

/** The two styles of state, for aggregates and sagas alike. */
public enum StateStyle {
  /** A mutable class (an aggregate extends {@code AggregateRoot<E>}); handlers return {@code void}. */
  MUTABLE,
  /** An immutable record; handlers return the next state. */
  RECORD
}
