package dev.es.runtime;

import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;

/**
 * Where the event columns are in a result, found once per result shape: reading every cell by name costs a lookup
 * per cell, which showed in the decoding of long streams (docs/benchmarks.md, "Aggregate load"). The events table
 * and the feed table return the same columns at different positions, hence one instance per shape.
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
    int payload) {

  static EventColumns of(ColumnDefinitions definitions) {
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
        definitions.firstIndexOf("metadata"),
        definitions.firstIndexOf("payload"));
  }
}
