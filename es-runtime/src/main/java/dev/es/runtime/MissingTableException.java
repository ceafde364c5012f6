package dev.es.runtime;

/**
 * A table the runtime needs does not exist: the call that creates it (named in the message, e.g.
 * {@code feed.initialize()}) was not made on this keyspace before the component was built.
 */
public final class MissingTableException extends EventStoreException {

  private final String table;
  private final String createdBy;

  /**
   * @param table the missing table, as {@code keyspace.table}
   * @param createdBy the call that creates it
   * @param cause the driver's refusal of a statement on it
   */
  public MissingTableException(String table, String createdBy, Throwable cause) {
    super("table " + table + " does not exist: call " + createdBy + " first (idempotent, safe from several"
        + " processes at once)", cause);
    this.table = table;
    this.createdBy = createdBy;
  }

  /** The missing table, as {@code keyspace.table}. */
  public String table() {
    return table;
  }

  /** The call that creates it, e.g. {@code feed.initialize()}. */
  public String createdBy() {
    return createdBy;
  }
}
