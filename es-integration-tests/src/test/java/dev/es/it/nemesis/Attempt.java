package dev.es.it.nemesis;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One call of {@code appendEvents} by a writer and what the store answered, as a line of the writer's history file:
 * {@code OUTCOME aggregateId expected id,id,... exception}. A retry of an append repeats its event ids, so the
 * checker groups attempts by ids.
 *
 * @param expected the expected version as a number, or {@code any}
 * @param exception the simple name of what the store threw; when nothing was, {@code -} or, for a retry that found
 *     its events stored, {@link #ALREADY_STORED}
 */
record Attempt(Outcome outcome, UUID aggregateId, String expected, List<UUID> eventIds, String exception) {

  /** What an acknowledged retry notes when the store reported {@code alreadyStored()}. */
  static final String ALREADY_STORED = "alreadyStored";

  /** What the store answered. */
  enum Outcome {
    /** Appended (or found stored by a retry with the same ids). */
    ACK,
    /** {@code ConcurrencyConflictException}: not written. */
    CONFLICT,
    /**
     * {@code AllNodesFailedException} (also {@code NoNodeAvailableException}), documented as "reached no node, wrote
     * nothing", or {@code AppendNotWrittenException}.
     */
    NOT_WRITTEN,
    /** {@code AppendOutcomeUnknownException}: written or not, now or later. */
    UNKNOWN,
    /** Any other exception: the store promises nothing about it. */
    OTHER
  }

  String line() {
    return outcome + " " + aggregateId + " " + expected + " "
        + String.join(",", eventIds.stream().map(UUID::toString).toList()) + " " + exception;
  }

  static Attempt parse(String line) {
    String[] f = line.split(" ");
    if (f.length != 5) {
      throw new IllegalArgumentException("a history line has 5 fields, this one " + f.length + ": " + line);
    }
    return new Attempt(Outcome.valueOf(f[0]), UUID.fromString(f[1]), f[2],
        Arrays.stream(f[3].split(",")).map(UUID::fromString).toList(), f[4]);
  }
}
