package dev.es.runtime.internal;

/** The UTF-8 size of text, counted without encoding it. */
public final class Utf8 {

  private Utf8() {}

  /** The bytes {@code s} takes in UTF-8 (well-formed text: a high surrogate starts a pair); 0 for null. */
  public static long length(String s) {
    if (s == null) {
      return 0;
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
