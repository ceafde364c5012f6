package dev.es.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A report as {@code es} prints it: as text, or as JSON read back into a tree. */
final class Printed {

  private Printed() {}

  static String text(Report report) {
    StringWriter out = new StringWriter();
    report.printText(new PrintWriter(out));
    return out.toString();
  }

  static JsonNode json(Report report) {
    try {
      return new ObjectMapper().readTree(Json.write(report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
