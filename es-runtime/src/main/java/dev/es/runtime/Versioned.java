package dev.es.runtime;

/**
 * A state together with the version of the last event it includes.
 *
 * @param state the aggregate state
 * @param version the version of its last event; 0 for a new aggregate
 * @param <A> the state type
 */
public record Versioned<A>(A state, long version) {}
