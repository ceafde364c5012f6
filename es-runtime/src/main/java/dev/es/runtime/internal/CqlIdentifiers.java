package dev.es.runtime.internal;

import dev.es.annotations.CqlKeywords;
import dev.es.runtime.InvalidIdentifierException;
import java.util.Locale;
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
    if (CqlKeywords.isReserved(name)) {
      throw new InvalidIdentifierException("invalid " + what + " name '" + name + "': a reserved CQL keyword");
    }
    return name;
  }
}
