package dev.es.runtime.spi;

import java.util.UUID;

/**
 * Writes and reads an aggregate's state as JSON without reflection; generated for aggregates that snapshot.
 *
 * @param <A> the aggregate class
 */
public interface SnapshotSerializer<A> {

  /**
   * Identifies the shape of the state, the set of {@code @Apply} handlers and the user's
   * {@code snapshotVersion}. A stored snapshot whose fingerprint differs is ignored, never read.
   */
  String fingerprint();

  /** The aggregate's state as JSON. */
  String write(A aggregate);

  /**
   * Rebuilds an aggregate with the given id from JSON written by {@link #write}.
   *
   * @throws IllegalArgumentException if the JSON does not have the expected shape
   */
  A read(UUID id, String json);
}
