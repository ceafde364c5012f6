package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSerializerTest {

  enum Status { ACTIVE, CLOSED }

  record Address(String street, String city) {}

  record Rich(
      UUID id,
      BigDecimal amount,
      Instant at,
      LocalDate day,
      OffsetDateTime local,
      Duration timeout,
      Status status,
      List<Address> addresses,
      Map<String, Integer> limits,
      Set<String> tags,
      String note,
      long count,
      boolean flag) {}

  record Primitive(long count) {}

  private final EventSerializer serializer = new EventSerializer(EventSerializer.defaultObjectMapper());

  @Test
  void roundTripsRecordsWithJavaTimeUuidBigDecimalEnumsCollectionsAndNestedRecords() throws IOException {
    Rich rich = new Rich(UUID.randomUUID(), new BigDecimal("12345678901234567890.000100"),
        Instant.parse("2026-01-02T03:04:05.123456789Z"), LocalDate.of(2026, 2, 28),
        OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)), Duration.ofMillis(1500), Status.CLOSED,
        List.of(new Address("Main St 1", "Springfield"), new Address("Elm 2", "Shelbyville")),
        Map.of("daily", 100, "monthly", 1000), Set.of("a", "b"), null, Long.MAX_VALUE, true);

    String json = serializer.write(rich);

    assertThat(serializer.read(json, Rich.class)).isEqualTo(rich);
    assertThat(json).contains("\"2026-01-02T03:04:05.123456789Z\"").contains("12345678901234567890.000100")
        .contains("\"CLOSED\"").contains("\"2026-01-01T10:00:00+02:00\"");
  }

  @Test
  void strictReading() {
    assertThatThrownBy(() -> serializer.read("{\"count\": 1} trailing", Primitive.class))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> serializer.read("{\"count\": null}", Primitive.class)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> serializer.read("null", Primitive.class)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> serializer.read("{\"count\": ", Primitive.class)).isInstanceOf(IOException.class);
  }
}
