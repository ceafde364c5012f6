package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetadataContextTest {

  @Test
  void commandAndEventScopesNestAndRestore() {
    UUID command = UUID.randomUUID();
    assertThat(MetadataContext.currentMetadata()).isEqualTo(EventMetadata.empty());
    try (var outer = MetadataContext.forCommand(command, "alice")) {
      assertThat(NewEvent.of("x").metadata().correlationId()).isEqualTo(command.toString());
      assertThat(NewEvent.of("x").metadata().causationId()).isEqualTo(command.toString());
      assertThat(NewEvent.of("x").userId()).isEqualTo("alice");
      EventEnvelope<String> cause = new EventEnvelope<>(UUID.randomUUID(), UUID.randomUUID(), "T", "E", 1, 4,
          Instant.EPOCH, "bob", MetadataContext.currentMetadata().with("tenant", "t1"), "payload");
      try (var inner = MetadataContext.causedBy(cause)) {
        EventMetadata metadata = NewEvent.of("y").metadata();
        assertThat(metadata.correlationId()).isEqualTo(command.toString());
        assertThat(metadata.causationId()).isEqualTo(cause.eventId().toString());
        assertThat(metadata.get("tenant")).contains("t1");
        assertThat(NewEvent.of("y").userId()).isEqualTo("bob");
      }
      assertThat(MetadataContext.currentUserId()).isEqualTo("alice");
    }
    assertThat(MetadataContext.currentUserId()).isNull();
    assertThat(MetadataContext.currentMetadata()).isEqualTo(EventMetadata.empty());
  }

  @Test
  void anEventWithoutCorrelationStartsOneWithItsOwnId() {
    EventEnvelope<String> cause = new EventEnvelope<>(UUID.randomUUID(), UUID.randomUUID(), "T", "E", 1, 1,
        Instant.EPOCH, null, EventMetadata.empty(), "p");
    try (var scope = MetadataContext.causedBy(cause)) {
      assertThat(MetadataContext.currentMetadata().correlationId()).isEqualTo(cause.eventId().toString());
    }
  }

  @Test
  void closingOutOfOrderIsRefused() {
    var outer = MetadataContext.open("a", EventMetadata.empty());
    var inner = MetadataContext.open("b", EventMetadata.empty());
    assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class);
    inner.close();
    outer.close();
  }

  @Test
  void metadataRoundTripsThroughItsStoredMap() {
    EventMetadata metadata = EventMetadata.empty().withCorrelationId("c").withCausationId("d").withSource("s")
        .with("k", "v");
    assertThat(EventMetadata.fromMap(metadata.toMap())).isEqualTo(metadata);
    assertThatThrownBy(() -> new EventMetadata(null, null, null, Map.of("source", "x")))
        .hasMessageContaining("reserved");
  }
}
