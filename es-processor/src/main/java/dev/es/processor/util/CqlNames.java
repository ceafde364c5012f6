package dev.es.processor.util;

import dev.es.annotations.CqlKeywords;
import java.util.Optional;
import java.util.regex.Pattern;

/** CQL identifiers: the default column name of a component, and what a valid unquoted identifier is. */
public final class CqlNames {
  private CqlNames() {}

  /** Unquoted identifiers the processor accepts: a letter, then up to 47 letters, digits or underscores. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

  /** Cassandra's limit for table names (the processor applies it to columns too). */
  private static final int MAX_LENGTH = 48;

  /**
   * The java-driver mapper's default naming (snake case): {@code userId} becomes {@code user_id},
   * {@code URLPath} becomes {@code url_path}.
   */
  public static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean previousLowerOrDigit = i > 0
            && (Character.isLowerCase(javaName.charAt(i - 1)) || Character.isDigit(javaName.charAt(i - 1)));
        boolean nextLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        boolean previousUpper = i > 0 && Character.isUpperCase(javaName.charAt(i - 1));
        if (previousLowerOrDigit || (previousUpper && nextLower)) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Why {@code name} is not a valid unquoted CQL identifier, or empty when it is. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      return Optional.of("is not an unquoted CQL identifier");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters");
    }
    if (CqlKeywords.isReserved(name)) {
      return Optional.of("is a reserved CQL keyword");
    }
    return Optional.empty();
  }
}
