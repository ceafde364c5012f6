package dev.es.runtime;

import java.util.UUID;

/** Reads shared by both repository kinds. */
final class RepositoryReads {

  private RepositoryReads() {}

  static <A> Versioned<A> atVersion(AggregateLoader<A, ?> loader, String typeName, UUID id, long version) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    Versioned<A> loaded = loader.load(id, version)
        .orElseThrow(() -> new AggregateNotFoundException(typeName, id));
    if (loaded.version() < version) {
      throw new IllegalArgumentException("aggregate " + typeName + " " + id + " is at version "
          + loaded.version() + ", it has no version " + version);
    }
    return loaded;
  }
}
