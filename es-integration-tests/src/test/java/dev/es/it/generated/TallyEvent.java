package dev.es.it.generated;

/** The events of {@link Tally} and {@link Gauge}. */
public sealed interface TallyEvent {

  /** An amount counted. */
  record Counted(int amount) implements TallyEvent {}
}
