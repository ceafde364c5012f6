package dev.es.cli;

import java.util.UUID;

/** A retry or skip named an event the projection has not parked (or no longer has: it was retried or skipped). */
final class NotParkedException extends RuntimeException {

  NotParkedException(String projection, UUID aggregateId, long version) {
    super("projection '" + projection + "' has no parked event of aggregate " + aggregateId + " version " + version
        + " (es projection parked " + projection + " lists them)");
  }
}
