package dev.es.runtime.projection;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many events of each event type and of each aggregate type the feed held up to the positions counted so far.
 *
 * @param byEventType events per stored event type name, sorted by name
 * @param byAggregateType events per aggregate type name, sorted by name
 * @param total all events counted
 */
public record EventCounts(Map<String, Long> byEventType, Map<String, Long> byAggregateType, long total) {

  public EventCounts {
    byEventType = Collections.unmodifiableMap(new TreeMap<>(byEventType));
    byAggregateType = Collections.unmodifiableMap(new TreeMap<>(byAggregateType));
  }

  /** Events of one event type; 0 if none. */
  public long ofEventType(String eventType) {
    return byEventType.getOrDefault(eventType, 0L);
  }

  /** Events of one aggregate type; 0 if none. */
  public long ofAggregateType(String aggregateType) {
    return byAggregateType.getOrDefault(aggregateType, 0L);
  }
}
