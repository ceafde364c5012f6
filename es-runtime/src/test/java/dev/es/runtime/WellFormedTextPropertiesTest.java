package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.internal.Utf8;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Text the store writes (payload, user id, metadata, aggregate type) is refused exactly when Cassandra's UTF-8
 * {@code text} could not hold it unchanged, and the refusal names the field.
 */
class WellFormedTextPropertiesTest {

  private static boolean survivesUtf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  @Provide
  Arbitrary<String> anyUtf16() {
    // every char value, surrogates included, so lone and paired surrogates both occur often
    return Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(12)
        .injectDuplicates(0.1)
        .edgeCases(c -> c.add("\uD83D\uDE00").add("\uD83D").add("\uDE00").add("\uDE00\uD83D").add("a\uD83D"));
  }

  @Property(tries = 2000)
  void refusedExactlyWhenUtf8WouldAlterTheText(@ForAll("anyUtf16") String text) {
    if (survivesUtf8(text)) {
      EncodedEvent.requireWellFormed(text, () -> "field");
      assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    } else {
      assertThatThrownBy(() -> EncodedEvent.requireWellFormed(text, () -> "metadata value of key 'k'"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("metadata value of key 'k' is not valid Unicode");
    }
  }
}
