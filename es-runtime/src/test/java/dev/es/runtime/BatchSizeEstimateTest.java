package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.runtime.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The size check must never underestimate what is sent, or an oversized batch would reach Cassandra. */
class BatchSizeEstimateTest {

  @Property
  void utf8LengthIsNeverBelowTheEncodedSize(@ForAll String text) {
    assertThat(Utf8.length(text)).isGreaterThanOrEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Property
  void anEventsEstimateCoversAllItsValues(@ForAll String payload, @ForAll String user, @ForAll String value) {
    NewEvent event = new NewEvent(UUID.randomUUID(), "p", user, EventMetadata.empty().with("k", value));
    EncodedEvent encoded = new EncodedEvent(event, "Type", 1, payload, event.metadata().toMap());
    long values = 16 + 8 + 16 + 4 + 8 + utf8("Agg") + utf8("Type") + utf8(payload) + utf8(user) + utf8("k")
        + utf8(value);
    assertThat(encoded.estimatedBytes("Agg")).isGreaterThan(values);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
