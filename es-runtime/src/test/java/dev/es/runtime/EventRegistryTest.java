package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.spi.EventType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRegistryTest {

  record NameV1(String fullName) {}

  record NameV2(String first, String last) {}

  record NameV3(String first, String last, String title) {}

  record Other(int x) {}

  private static final UUID ID = UUID.randomUUID();

  private final EventSerializer serializer = new EventSerializer(EventSerializer.defaultObjectMapper());

  private final EventRegistry registry = new EventRegistry()
      .register(EventType.upcasting("NameSet", 1, NameV1.class, v1 -> {
        String[] parts = v1.fullName().split(" ", 2);
        return new NameV2(parts[0], parts.length > 1 ? parts[1] : "");
      }))
      .register(EventType.upcasting("NameSet", 2, NameV2.class, v2 -> new NameV3(v2.first(), v2.last(), null)))
      .register(EventType.current("NameSet", 3, NameV3.class));

  private EventRegistry.Decoded decode(String type, int revision, String json) {
    return registry.decode(serializer, new EventRegistry.StoredEventRef(ID, 7, type, revision), json);
  }

  @Test
  void upcastsStepByStepToTheNewestRevision() {
    EventRegistry.Decoded decoded = decode("NameSet", 1, "{\"fullName\": \"Ada Lovelace\"}");
    assertThat(decoded.payload()).isEqualTo(new NameV3("Ada", "Lovelace", null));
    assertThat(decoded.revision()).isEqualTo(3);
    assertThat(decode("NameSet", 3, "{\"first\":\"a\",\"last\":\"b\",\"title\":\"c\"}").payload())
        .isEqualTo(new NameV3("a", "b", "c"));
  }

  @Test
  void writesOnlyTheNewestRevisionOfARegisteredClass() {
    assertThat(registry.typeOf(new NameV3("a", "b", null)).revision()).isEqualTo(3);
    assertThatThrownBy(() -> registry.typeOf(new NameV1("x"))).hasMessageContaining("old revision 1");
    assertThatThrownBy(() -> registry.typeOf(new Other(1))).hasMessageContaining(Other.class.getName());
  }

  @Test
  void unknownNamesAndRevisionsNameTheirContext() {
    assertThatThrownBy(() -> decode("Nope", 1, "{}"))
        .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(ID);
          assertThat(e.version()).isEqualTo(7);
          assertThat(e.eventType()).isEqualTo("Nope");
        })
        .hasMessageContaining(ID.toString()).hasMessageContaining("version 7");
    assertThatThrownBy(() -> decode("NameSet", 4, "{}")).isInstanceOf(UnknownEventTypeException.class);
  }

  @Test
  void aBrokenPayloadOrUpcasterIsADeserializationErrorWithContext() {
    assertThatThrownBy(() -> decode("NameSet", 2, "{\"first\": "))
        .isInstanceOfSatisfying(EventDeserializationException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(ID);
          assertThat(e.version()).isEqualTo(7);
          assertThat(e.eventType()).isEqualTo("NameSet");
          assertThat(e.revision()).isEqualTo(2);
        });
    EventRegistry broken = new EventRegistry()
        .register(EventType.upcasting("Bad", 1, Other.class, o -> { throw new IllegalStateException("boom"); }));
    assertThatThrownBy(() -> broken.decode(serializer, new EventRegistry.StoredEventRef(ID, 1, "Bad", 1), "{\"x\":1}"))
        .isInstanceOf(EventDeserializationException.class).hasMessageContaining("boom");
  }

  @Test
  void aChainWithAMissingNextRevisionIsAnUnknownType() {
    EventRegistry gap = new EventRegistry()
        .register(EventType.upcasting("Gap", 1, NameV1.class, v1 -> new NameV2(v1.fullName(), "")));
    assertThatThrownBy(() -> gap.decode(serializer, new EventRegistry.StoredEventRef(ID, 1, "Gap", 1),
        "{\"fullName\":\"a\"}"))
        .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> assertThat(e.revision()).isEqualTo(2));
  }

  @Test
  void refusesTwoClassesForOneNameAndRevisionButAcceptsTheSameTwice() {
    registry.register(EventType.current("NameSet", 3, NameV3.class));
    assertThatThrownBy(() -> registry.register(EventType.current("NameSet", 3, Other.class)))
        .hasMessageContaining(NameV3.class.getName()).hasMessageContaining(Other.class.getName());
  }
}
