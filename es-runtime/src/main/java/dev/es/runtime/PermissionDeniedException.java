package dev.es.runtime;

import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;

/**
 * Cassandra refused a statement because the session's role lacks a permission. The message says what es was doing
 * and keeps Cassandra's, which names the permission and the table or keyspace; docs/operations.md lists the
 * grants each part of es needs. Cassandra checks permissions before it executes anything, so the refused statement
 * wrote nothing.
 */
public final class PermissionDeniedException extends EventStoreException {

  /** @param action what es was doing, e.g. "cannot append 1 event to Account 5f0c…" */
  public PermissionDeniedException(String action, UnauthorizedException cause) {
    super(action + ": " + cause.getMessage() + " (see docs/operations.md for the grants es needs)", cause);
  }
}
