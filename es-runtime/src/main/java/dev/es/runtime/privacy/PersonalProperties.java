package dev.es.runtime.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.es.runtime.spi.PersonalField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the personal text values of a payload's JSON object in place: one streaming pass finds where each
 * personal string literal is and what the subjects are, then only those literals are replaced; every other
 * character stays as it was. Neither a tree (it would turn {@code 19.90} into {@code 19.9} and read decimals as
 * doubles, so a payload would no longer read back equal) nor a re-generated document (twice the work).
 */
final class PersonalProperties {

  /** What one personal text becomes. */
  @FunctionalInterface
  interface Rewrite {
    /**
     * Called once per personal text, and once for each personal component that is null or missing (then with a
     * null value, its result ignored), so that every component's subject is looked at.
     *
     * @param subject the subject's value as text (a string or an integer), or null if it is null or missing
     * @param value the personal text, or null if it is null or missing
     * @return the text to store in its place
     */
    String apply(PersonalField field, String subject, String value) throws IOException;
  }

  /** A personal string literal: the characters {@code [start, end)} of the JSON, quotes included. */
  private record Literal(PersonalField field, int start, int end, String value) {}

  private final JsonFactory factory;

  PersonalProperties(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * The JSON with each personal text replaced; a property that is null or missing stays so.
   *
   * @throws IOException if the JSON is not one object, a personal property is not text or null, or a subject
   *     is not text, an integer or null
   */
  String rewrite(String json, List<PersonalField> fields, Rewrite rewrite) throws IOException {
    List<Literal> literals = new ArrayList<>(fields.size());
    Map<String, String> subjects = new HashMap<>();
    try (JsonParser parser = factory.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the payload is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        PersonalField field = componentNamed(fields, name);
        if (field != null) {
          if (token == JsonToken.VALUE_STRING) {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            literals.add(new Literal(field, start, endOfString(json, start), parser.getText()));
          } else if (token != JsonToken.VALUE_NULL) {
            throw new IOException("personal data component '" + name + "' is not text but " + token);
          }
        } else if (isSubject(fields, name)) {
          subjects.put(name, subjectText(token, parser, name));
        }
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the payload's JSON object");
      }
    }
    for (PersonalField field : fields) {
      if (!hasLiteral(literals, field)) {
        rewrite.apply(field, subjects.get(field.subject()), null);
      }
    }
    if (literals.isEmpty()) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length() + 96 * literals.size());
    int copied = 0;
    for (Literal literal : literals) {
      String replaced = rewrite.apply(literal.field(), subjects.get(literal.field().subject()), literal.value());
      out.append(json, copied, literal.start()).append('"')
          .append(JsonStringEncoder.getInstance().quoteAsString(replaced)).append('"');
      copied = literal.end();
    }
    return out.append(json, copied, json.length()).toString();
  }

  private static boolean hasLiteral(List<Literal> literals, PersonalField field) {
    for (Literal literal : literals) {
      if (literal.field().equals(field)) {
        return true;
      }
    }
    return false;
  }

  private static PersonalField componentNamed(List<PersonalField> fields, String name) {
    for (PersonalField field : fields) {
      if (field.component().equals(name)) {
        return field;
      }
    }
    return null;
  }

  private static boolean isSubject(List<PersonalField> fields, String name) {
    for (PersonalField field : fields) {
      if (field.subject().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String subjectText(JsonToken token, JsonParser parser, String name) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
      throw new IOException("subject component '" + name + "' is not text or an integer but " + token);
    }
    return parser.getText();
  }

  /** The index after the closing quote of the string literal whose opening quote is at {@code start}. */
  private static int endOfString(String json, int start) throws IOException {
    if (start < 0 || json.charAt(start) != '"') {
      throw new IOException("cannot locate a personal text in the payload's JSON");
    }
    for (int i = start + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    throw new IOException("unterminated string in the payload's JSON");
  }
}
