package dev.es.runtime.internal;

import dev.es.runtime.InvalidIdentifierException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates keyspace and table names before they are put into CQL text (names cannot be bind markers). Only
 * lowercase unquoted identifiers are accepted: they mean the same quoted or not, so what the user configured is
 * exactly what exists in Cassandra.
 */
public final class CqlIdentifiers {

  /** Cassandra's limit for keyspace and table names. */
  public static final int MAX_LENGTH = 48;

  private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]*");

  // CQL reserved keywords (cannot be unquoted identifiers)
  private static final Set<String> RESERVED = Set.of(
      "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily",
      "create", "default", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant",
      "if", "in", "index", "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "mbean",
      "mbeans", "modify", "nan", "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename",
      "replace", "revoke", "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset",
      "update", "use", "using", "view", "where", "with");

  private CqlIdentifiers() {}

  /**
   * @param what what the name is for, for the message ("keyspace", "events table")
   * @param maxLength the longest name allowed for this use
   * @return the name
   * @throws InvalidIdentifierException if it is not a valid name
   */
  public static String requireValid(String what, String name, int maxLength) {
    if (name == null || name.isEmpty()) {
      throw new InvalidIdentifierException(what + " name is missing");
    }
    if (!UNQUOTED.matcher(name).matches()) {
      String hint = UNQUOTED.matcher(name.toLowerCase(Locale.ROOT)).matches() ? " (use lowercase)" : "";
      throw new InvalidIdentifierException("invalid " + what + " name '" + name
          + "': a CQL identifier must start with a lowercase letter and contain only lowercase letters,"
          + " digits and underscores" + hint);
    }
    if (name.length() > maxLength) {
      throw new InvalidIdentifierException("invalid " + what + " name '" + name + "': longer than "
          + maxLength + " characters");
    }
    if (RESERVED.contains(name)) {
      throw new InvalidIdentifierException("invalid " + what + " name '" + name + "': a reserved CQL keyword");
    }
    return name;
  }
}
