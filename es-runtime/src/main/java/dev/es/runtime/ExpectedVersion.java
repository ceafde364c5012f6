package dev.es.runtime;

/**
 * What an append expects the stream's current version to be: the heart of optimistic concurrency.
 *
 * <p>{@link #exactly(long)} is the normal case (the version the caller loaded); {@link #noStream()} creates a
 * stream; {@link #any()} appends after whatever is there (still atomically, still gapless).
 */
public sealed interface ExpectedVersion {

  /** The stream must be at exactly this version; 0 means it must not exist yet. */
  static ExpectedVersion exactly(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("expected version must be 0 or more, was " + version);
    }
    return version == 0 ? NoStream.INSTANCE : new Exact(version);
  }

  /** The stream must not exist yet. */
  static ExpectedVersion noStream() {
    return NoStream.INSTANCE;
  }

  /** Append after the current end of the stream, whatever it is. */
  static ExpectedVersion any() {
    return Any.INSTANCE;
  }

  /** The stream is at exactly {@code version} (at least 1). */
  record Exact(long version) implements ExpectedVersion {
    public Exact {
      if (version < 1) {
        throw new IllegalArgumentException("an exact expected version is at least 1, was " + version);
      }
    }

    @Override
    public String toString() {
      return Long.toString(version);
    }
  }

  /** The stream does not exist. */
  enum NoStream implements ExpectedVersion {
    INSTANCE;

    @Override
    public String toString() {
      return "no stream (0)";
    }
  }

  /** No expectation. */
  enum Any implements ExpectedVersion {
    INSTANCE;

    @Override
    public String toString() {
      return "any";
    }
  }
}
