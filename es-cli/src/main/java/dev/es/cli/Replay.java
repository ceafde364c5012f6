package dev.es.cli;

import dev.es.runtime.projection.ReplayRequest;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A replay asked of a projection ({@link ReplayRequest}), as the reports show it: pending in {@code es projection
 * status}, just asked for by {@code es projection rebuild} and {@code reset}.
 *
 * @param id the request
 * @param kind {@code REBUILD} or {@code RESET}
 * @param positions per shard, the position its replay starts at, in shard order
 * @param requestedBy who asked
 * @param requestedAt when
 * @param claimedBy the runner carrying it out; null until one claims it
 */
record Replay(UUID id, ReplayRequest.Kind kind, SortedMap<Integer, Long> positions, String requestedBy,
    Instant requestedAt, String claimedBy) {

  static Replay of(ReplayRequest request) {
    return new Replay(request.id(), request.kind(), new TreeMap<>(request.positions()), request.requestedBy(),
        request.requestedAt(), request.claimedBy().orElse(null));
  }

  /** One line: what, who asked when, who carries it out, and from where. */
  String describe() {
    return kind + " " + id + " requested by " + requestedBy + " at " + requestedAt + ", "
        + (claimedBy == null ? "not claimed yet" : "claimed by " + claimedBy) + ", from positions " + positions;
  }
}
