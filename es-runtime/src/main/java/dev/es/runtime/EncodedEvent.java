package dev.es.runtime;

import dev.es.runtime.internal.Utf8;
import java.util.Map;

/** A new event ready for a batch: payload already JSON, type resolved, size known. */
record EncodedEvent(NewEvent event, String eventType, int revision, String json, Map<String, String> metadata) {

  /** Bytes of one row that are not values: clustering key, cell headers, timestamps. Deliberately generous. */
  private static final int ROW_OVERHEAD = 128;

  /** Estimated size of this event's row in a mutation, in bytes. */
  long estimatedBytes(String aggregateType) {
    long size = ROW_OVERHEAD + 16 + 8 + 16 + 4 + 8
        + Utf8.length(aggregateType) + Utf8.length(eventType) + Utf8.length(json) + Utf8.length(event.userId());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      size += 8 + Utf8.length(e.getKey()) + Utf8.length(e.getValue());
    }
    return size;
  }

  /**
   * Refuses text that is not valid Unicode (a lone surrogate), which Cassandra's UTF-8 {@code text} cannot hold:
   * the driver would fail while binding with a bare {@code MalformedInputException} naming nothing.
   */
  void requireWellFormed(java.util.UUID aggregateId) {
    String where = " of event '" + eventType + "' (id " + event.eventId() + ") appended to aggregate " + aggregateId;
    requireWellFormed(json, () -> "payload" + where);
    requireWellFormed(event.userId(), () -> "user id" + where);
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      requireWellFormed(e.getKey(), () -> "a metadata key" + where);
      requireWellFormed(e.getValue(), () -> "metadata value of key '" + e.getKey() + "'" + where);
    }
  }

  static void requireWellFormed(String s, java.util.function.Supplier<String> what) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what.get() + " is not valid Unicode: a lone surrogate \\u"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i);
      }
    }
  }
}
