package dev.es.cli;

/** The exit codes of {@code es}: what went wrong, for scripts. Listed in {@code es --help}. */
final class ExitCodes {

  static final int OK = 0;
  /** No such aggregate, projection, saga, saga instance, or parked event. */
  static final int NOT_FOUND = 1;
  /** An unknown verb or option, or a bad argument; picocli's own code for usage errors. */
  static final int USAGE = 2;
  /** Cassandra cannot be reached, the keyspace lacks es's tables, or a request failed. */
  static final int CASSANDRA = 3;
  /** Anything else: a bug. */
  static final int INTERNAL = 4;
  /**
   * A change the system's state does not allow now: a replay pending already, ending a saga instance that is not
   * parked. Neither the arguments nor Cassandra are at fault, and the same command may succeed later.
   */
  static final int REFUSED = 5;

  private ExitCodes() {}
}
