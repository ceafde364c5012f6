package dev.es.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** Event payloads as JSON through Jackson: records, java.time, UUID, BigDecimal, enums, collections. */
public final class EventSerializer {

  private final ObjectMapper mapper;

  public EventSerializer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The default mapper: ISO-8601 text for java.time values (offsets kept), BigDecimal written exactly, and strict
   * reading (a missing primitive or trailing garbage is an error, not a silent default).
   */
  public static ObjectMapper defaultObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  public String write(Object payload) {
    try {
      return mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write event " + payload.getClass().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** @throws IOException if the JSON is not a valid {@code type} */
  public <T> T read(String json, Class<T> type) throws IOException {
    if (json == null) {
      throw new IOException("payload is null");
    }
    T value = mapper.readValue(json, type);
    if (value == null) {
      throw new IOException("payload is JSON null");
    }
    return value;
  }
}
