package dev.es.cli;

import com.datastax.oss.driver.api.core.DriverException;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.EventStoreException;
import dev.es.runtime.MissingTableException;
import dev.es.runtime.projection.UnknownProjectionException;
import dev.es.runtime.saga.SagaNotFoundException;

/**
 * What went wrong in a verb, as its exit code and the message that names what is wrong.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param message what is wrong; may span lines (a driver message), {@link #oneLine} joins them
 */
record Failure(int exitCode, String message) {

  static Failure of(Exception e) {
    if (e instanceof AggregateNotFoundException notFound) {
      return new Failure(ExitCodes.NOT_FOUND, "no aggregate " + notFound.aggregateId() + ": no event is stored for it");
    }
    // the API's two are IllegalArgumentExceptions: told apart here, before a bad argument is
    if (e instanceof UnknownProjectionException || e instanceof SagaNotFoundException
        || e instanceof NotParkedException) {
      return new Failure(ExitCodes.NOT_FOUND, e.getMessage());
    }
    if (e instanceof MissingTableException missing) {
      return new Failure(ExitCodes.CASSANDRA, "table " + missing.table() + " does not exist: is --keyspace the"
          + " application's keyspace, and has the application run " + missing.createdBy() + " on it?");
    }
    if (e instanceof CannotConnectException) {
      return new Failure(ExitCodes.CASSANDRA, e.getMessage());
    }
    if (e instanceof DriverException || e instanceof EventStoreException) {
      return new Failure(ExitCodes.CASSANDRA, "Cassandra request failed: " + e.getMessage());
    }
    // how EsAdmin refuses what the system's data contradicts (a shard that does not exist, a position beyond the
    // head) and what its state does not allow now (a replay pending already, an instance that is not parked)
    if (e instanceof IllegalArgumentException) {
      return new Failure(ExitCodes.USAGE, e.getMessage());
    }
    if (e instanceof IllegalStateException) {
      return new Failure(ExitCodes.REFUSED, "refused: " + e.getMessage());
    }
    return new Failure(ExitCodes.INTERNAL, "internal error (a bug; --verbose prints its stack trace): " + e);
  }

  /** The message on one line: a driver's message may list one node per line. */
  static String oneLine(String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
