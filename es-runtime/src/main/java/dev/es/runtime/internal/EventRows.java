package dev.es.runtime.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.UnknownEventTypeException;

/**
 * Decodes rows with the events table's event columns (the feed's rows have them too) through the store that wrote
 * them: for the feed package and for tests that read rows themselves. The store's decoding stays private to it
 * (a driver row in its API would tie users to the driver's types); it hands it over here when its class is
 * initialized, which is before any store exists to pass in.
 */
public final class EventRows {

  /** The event columns a row must have to be decoded, in the events table's order. */
  public static final String COLUMNS =
      "aggregate_id, version, event_id, aggregate_type, event_type, event_revision, ts, user_id, metadata, payload";

  /** How a store decodes a row; implemented by {@link CassandraEventStore} alone. */
  @FunctionalInterface
  public interface Decoder {
    EventEnvelope<Object> decode(CassandraEventStore store, Row row);
  }

  private static volatile Decoder decoder;

  private EventRows() {}

  /**
   * Called once, by {@link CassandraEventStore}'s class initialization.
   *
   * @throws IllegalStateException if a decoder is installed already
   */
  public static synchronized void install(Decoder storeDecoder) {
    if (decoder != null) {
      throw new IllegalStateException("the event row decoder is installed already");
    }
    decoder = storeDecoder;
  }

  /**
   * The row's event, upcast to the newest revision.
   *
   * @throws UnknownEventTypeException if no registered class has the row's type name and revision
   * @throws EventDeserializationException if the payload cannot be read or upcast
   */
  public static EventEnvelope<Object> decode(CassandraEventStore store, Row row) {
    return decoder.decode(store, row);
  }
}
