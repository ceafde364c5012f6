package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.runtime.spi.EventType;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a payload column holds, reading it gives the record or EventDeserializationException, nothing else. */
class PayloadReaderPropertiesTest {

  record Item(String sku, int quantity) {}

  record OrderPlaced(UUID orderId, BigDecimal total, List<Item> items, boolean express) {}

  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final EventSerializer serializer = new EventSerializer(EventSerializer.defaultObjectMapper());
  private final EventRegistry registry =
      new EventRegistry().register(EventType.current("OrderPlaced", 1, OrderPlaced.class));

  private Object read(String json) {
    return registry.decode(serializer, new EventRegistry.StoredEventRef(ID, 3, "OrderPlaced", 1), json).payload();
  }

  @Property
  void arbitraryTextIsReadOrRefusedWithContext(@ForAll String json) {
    try {
      assertThat(read(json)).isInstanceOf(OrderPlaced.class);
    } catch (EventDeserializationException e) {
      assertThat(e.aggregateId()).isEqualTo(ID);
      assertThat(e.version()).isEqualTo(3);
      assertThat(e.eventType()).isEqualTo("OrderPlaced");
    }
  }

  @Property
  void everyWrittenPayloadReadsBackEqual(
      @ForAll long idBits, @ForAll BigDecimal total, @ForAll List<String> skus, @ForAll boolean express) {
    OrderPlaced order = new OrderPlaced(new UUID(idBits, ~idBits), total, skus.stream().map(s -> new Item(s, s.length())).toList(),
        express);
    assertThat(read(serializer.write(order))).isEqualTo(order);
  }

  @Property
  void truncatedPayloadsAreRefused(@ForAll long idBits, @ForAll boolean express) {
    String json = serializer.write(new OrderPlaced(new UUID(idBits, idBits), BigDecimal.ONE, List.of(new Item("a", 1)), express));
    for (int cut = 0; cut < json.length(); cut++) {
      String truncated = json.substring(0, cut);
      try {
        read(truncated);
        throw new AssertionError("read a truncated payload: " + truncated);
      } catch (EventDeserializationException expected) {
        assertThat(expected.version()).isEqualTo(3);
      }
    }
  }
}
