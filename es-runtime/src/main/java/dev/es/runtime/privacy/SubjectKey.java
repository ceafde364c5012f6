package dev.es.runtime.privacy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key of one data subject. The id is new for every key made, so a ciphertext names the key it was
 * sealed with, and a key made after the subject was forgotten never opens what the deleted one sealed.
 */
record SubjectKey(UUID id, SecretKeySpec secret) {

  static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  SubjectKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
  }

  /** A new random key with a new random id. */
  static SubjectKey generate() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return new SubjectKey(UUID.randomUUID(), new SecretKeySpec(bytes, "AES"));
  }

  /** A stored key. */
  static SubjectKey of(UUID id, ByteBuffer stored) {
    byte[] bytes = new byte[stored.remaining()];
    stored.duplicate().get(bytes);
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException("the stored key " + id + " has " + bytes.length + " bytes, not " + KEY_BYTES);
    }
    return new SubjectKey(id, new SecretKeySpec(bytes, "AES"));
  }

  /** The key's bytes, to store. */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(secret.getEncoded());
  }

  @Override
  public String toString() {
    return "SubjectKey[" + id + "]";
  }
}
