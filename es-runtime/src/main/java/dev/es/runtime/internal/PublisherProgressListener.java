package dev.es.runtime.internal;

/** Told each {@link PublisherProgress} a feed publisher reaches: for fault-injection tests. */
@FunctionalInterface
public interface PublisherProgressListener {

  /** The listener of a publisher no test watches. */
  PublisherProgressListener NONE = reached -> {};

  void reached(PublisherProgress progress);
}
