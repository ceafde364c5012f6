package dev.es.runtime;

import java.util.Map;

/** A new event ready for a batch: payload already JSON, type resolved, size known. */
record EncodedEvent(NewEvent event, String eventType, int revision, String json, Map<String, String> metadata) {

  /** Bytes of one row that are not values: clustering key, cell headers, timestamps. Deliberately generous. */
  private static final int ROW_OVERHEAD = 128;

  /** Estimated size of this event's row in a mutation, in bytes. */
  long estimatedBytes(String aggregateType) {
    long size = ROW_OVERHEAD + 16 + 8 + 16 + 4 + 8
        + utf8Length(aggregateType) + utf8Length(eventType) + utf8Length(json) + utf8Length(event.userId());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      size += 8 + utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    return size;
  }

  static long utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
