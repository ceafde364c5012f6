package dev.es.annotations;

import java.util.Locale;
import java.util.Set;

/**
 * The CQL keywords that cannot be unquoted identifiers, so no name es writes into CQL may be one: a
 * {@link Projection}'s table or column name is a compile error, a configured keyspace or table name is refused when
 * configured. One list for the annotation processor and the runtime, which share this artifact and nothing else.
 */
public final class CqlKeywords {

  private static final Set<String> RESERVED = Set.of(
      "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily",
      "create", "default", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant",
      "if", "in", "index", "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "mbean",
      "mbeans", "modify", "nan", "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename",
      "replace", "revoke", "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset",
      "update", "use", "using", "view", "where", "with");

  private CqlKeywords() {}

  /** Whether {@code name}, in any case, is a reserved CQL keyword. */
  public static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }
}
