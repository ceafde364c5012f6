package dev.es.runtime;

import java.util.UUID;

/**
 * The append timed out or lost its connection, and reading the stream back at SERIAL consistency failed too:
 * the events may or may not be stored. Retrying the append with the same event ids is safe and settles it.
 */
public final class AppendOutcomeUnknownException extends EventStoreException {
  public AppendOutcomeUnknownException(UUID aggregateId, ExpectedVersion expected, Throwable cause) {
    super("append to aggregate " + aggregateId + " at expected version " + expected
        + " timed out or lost its connection, and its outcome could not be read back; retry with the same event ids",
        cause);
  }
}
