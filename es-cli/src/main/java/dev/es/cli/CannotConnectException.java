package dev.es.cli;

/** No session could be opened: no node answered, or the driver refused its configuration or credentials. */
final class CannotConnectException extends RuntimeException {

  CannotConnectException(RuntimeException cause) {
    super("cannot connect to Cassandra: " + cause.getMessage(), cause);
  }
}
