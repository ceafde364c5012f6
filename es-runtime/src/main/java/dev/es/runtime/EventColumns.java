package dev.es.runtime;

import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.util.Map;

/**
 * Where the event columns are in a result, and the metadata map's codec, found once per result shape: reading
 * every cell by name costs a lookup per cell, and reading a map through a {@code GenericType} a codec lookup per
 * row, both of which showed in the decoding of long streams (docs/benchmarks.md, "Aggregate load"). The events
 * table and the feed table return the same columns at different positions, hence one instance per shape.
 */
record EventColumns(
    ColumnDefinitions definitions,
    int aggregateId,
    int version,
    int eventId,
    int aggregateType,
    int eventType,
    int revision,
    int timestamp,
    int userId,
    int metadata,
    int payload,
    TypeCodec<Map<String, String>> metadataCodec) {

  static EventColumns of(ColumnDefinitions definitions, CodecRegistry codecs) {
    int metadata = definitions.firstIndexOf("metadata");
    return new EventColumns(
        definitions,
        definitions.firstIndexOf("aggregate_id"),
        definitions.firstIndexOf("version"),
        definitions.firstIndexOf("event_id"),
        definitions.firstIndexOf("aggregate_type"),
        definitions.firstIndexOf("event_type"),
        definitions.firstIndexOf("event_revision"),
        definitions.firstIndexOf("ts"),
        definitions.firstIndexOf("user_id"),
        metadata,
        definitions.firstIndexOf("payload"),
        codecs.codecFor(definitions.get(metadata).getType(), EventSchema.METADATA));
  }
}
