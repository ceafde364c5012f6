package dev.es.processor.model;

/** The two aggregate styles. */
public enum AggregateStyle {
  /** A class extending {@code AggregateRoot<E>}; {@code @Apply} methods return {@code void}. */
  MUTABLE,
  /** An immutable record; {@code @Apply} methods return the next state. */
  RECORD
}
