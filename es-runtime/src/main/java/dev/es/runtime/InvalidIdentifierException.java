package dev.es.runtime;

/** A keyspace or table name that is not a safe, unquoted CQL identifier. Thrown before any CQL is sent. */
public final class InvalidIdentifierException extends IllegalArgumentException {
  public InvalidIdentifierException(String message) {
    super(message);
  }
}
