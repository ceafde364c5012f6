package dev.es.runtime.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A personal text as stored: {@value #PREFIX} then, in base64 without padding, the 16 bytes of the key id, a
 * random 12-byte IV and the AES-GCM ciphertext with its 128-bit tag. The prefix names the format's version, so a
 * later format can be told apart, and text stored before its component was personal data (no prefix) is read as
 * it is.
 */
record SealedText(UUID keyId, byte[] iv, byte[] ciphertext) {

  static final String PREFIX = "es-pd1:";

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = 16 + IV_BYTES;
  /** One per thread: the default SecureRandom serializes every caller on one lock, and appends run in parallel. */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  /** Cipher instances are not thread-safe and not free to look up: one per thread, re-initialized per use. */
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM offers no AES/GCM/NoPadding cipher", e);
    }
  });

  /** {@code clear} sealed with {@code key}, under a fresh IV. */
  static String seal(SubjectKey key, String clear) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.get().nextBytes(iv);
    byte[] ciphertext;
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
      ciphertext = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt with AES-GCM", e);
    }
    ByteBuffer sealed = ByteBuffer.allocate(HEADER_BYTES + ciphertext.length)
        .putLong(key.id().getMostSignificantBits())
        .putLong(key.id().getLeastSignificantBits())
        .put(iv)
        .put(ciphertext);
    return PREFIX + ENCODER.encodeToString(sealed.array());
  }

  /** Whether the stored text is sealed (else it was stored in clear). */
  static boolean isSealed(String stored) {
    return stored.startsWith(PREFIX);
  }

  /**
   * The parts of a sealed text.
   *
   * @throws IOException if it has the prefix but not the format's shape (corrupt)
   */
  static SealedText parse(String stored) throws IOException {
    byte[] bytes;
    try {
      bytes = DECODER.decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IOException("a sealed personal text is not valid base64: " + e.getMessage(), e);
    }
    if (bytes.length < HEADER_BYTES + TAG_BITS / 8) {
      throw new IOException("a sealed personal text is too short (" + bytes.length + " bytes)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    UUID keyId = new UUID(buffer.getLong(), buffer.getLong());
    byte[] iv = new byte[IV_BYTES];
    buffer.get(iv);
    byte[] ciphertext = new byte[buffer.remaining()];
    buffer.get(ciphertext);
    return new SealedText(keyId, iv, ciphertext);
  }

  /**
   * The clear text, with the key this text names.
   *
   * @throws IOException if it does not authenticate under the key: corrupt or tampered with
   */
  String open(SubjectKey key) throws IOException {
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
      return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IOException("a sealed personal text does not authenticate under its key " + keyId
          + " (corrupt or tampered with): " + e, e);
    }
  }
}
