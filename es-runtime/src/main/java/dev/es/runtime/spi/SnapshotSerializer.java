package dev.es.runtime.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * Writes and reads an aggregate's state as JSON without reflection; generated for aggregates that snapshot.
 *
 * <p>The runtime passes the store's {@code EventStoreOptions.objectMapper()} to every call, so state fields are
 * written with the same Jackson modules and settings as the events; a serializer keeps no mapper of its own.
 *
 * @param <A> the aggregate class
 */
public interface SnapshotSerializer<A> {

  /**
   * Identifies the shape of the state, the set of {@code @Apply} handlers, the user's {@code snapshotVersion} and
   * the state's JSON format. A stored snapshot whose fingerprint differs is ignored, never read.
   */
  String fingerprint();

  /**
   * The aggregate's state as JSON.
   *
   * @param mapper the store's mapper, which writes each state field
   */
  String write(A aggregate, ObjectMapper mapper);

  /**
   * Rebuilds an aggregate with the given id from JSON written by {@link #write}.
   *
   * @param mapper the store's mapper, which reads each state field
   * @throws IllegalArgumentException if the JSON does not have the expected shape
   */
  A read(UUID id, String json, ObjectMapper mapper);
}
