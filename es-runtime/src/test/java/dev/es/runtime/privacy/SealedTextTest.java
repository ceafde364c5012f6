package dev.es.runtime.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedTextTest {

  private final SubjectKey key = SubjectKey.generate();

  @Test
  void sealsUnderAFreshIvNamingItsKeyAndOpensWithThatKey() throws IOException {
    String first = SealedText.seal(key, "ann@example.com");
    String second = SealedText.seal(key, "ann@example.com");

    assertThat(first).startsWith(SealedText.PREFIX).doesNotContain("ann").isNotEqualTo(second);
    assertThat(SealedText.isSealed(first)).isTrue();
    assertThat(SealedText.isSealed("ann@example.com")).isFalse();
    SealedText parsed = SealedText.parse(first);
    assertThat(parsed.keyId()).isEqualTo(key.id());
    assertThat(parsed.open(key)).isEqualTo("ann@example.com");
    assertThat(SealedText.parse(SealedText.seal(key, "")).open(key)).isEmpty();
    assertThat(SealedText.parse(SealedText.seal(key, "Zoë 🙂")).open(key)).isEqualTo("Zoë 🙂");
  }

  @Test
  void aTamperedTextOrAnotherKeyDoesNotAuthenticate() throws IOException {
    String sealed = SealedText.seal(key, "ann@example.com");
    byte[] bytes = Base64.getDecoder().decode(sealed.substring(SealedText.PREFIX.length()));
    bytes[bytes.length - 1] ^= 1;
    String tampered = SealedText.PREFIX + Base64.getEncoder().withoutPadding().encodeToString(bytes);

    assertThatThrownBy(() -> SealedText.parse(tampered).open(key))
        .isInstanceOf(IOException.class).hasMessageContaining("does not authenticate");
    SubjectKey other = new SubjectKey(key.id(), SubjectKey.generate().secret());
    assertThatThrownBy(() -> SealedText.parse(sealed).open(other)).isInstanceOf(IOException.class);
  }

  @Test
  void aMalformedSealedTextIsAnError() {
    assertThatThrownBy(() -> SealedText.parse(SealedText.PREFIX + "not base64!"))
        .isInstanceOf(IOException.class).hasMessageContaining("base64");
    assertThatThrownBy(() -> SealedText.parse(SealedText.PREFIX + "AAAA"))
        .isInstanceOf(IOException.class).hasMessageContaining("too short");
  }
}
