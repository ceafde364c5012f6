package dev.es.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text in aligned columns, two spaces apart; a missing value shows as {@code -}. The last column is not padded, so
 * a long value (a payload) only makes its own line long.
 */
final class Table {

  private final List<String[]> lines = new ArrayList<>();

  /** A table whose first line is {@code headers}; without headers, one of name-value lines, say. */
  Table(String... headers) {
    if (headers.length > 0) {
      lines.add(headers);
    }
  }

  Table row(Object... cells) {
    lines.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toArray(String[]::new));
    return this;
  }

  void print(PrintWriter out) {
    int columns = lines.stream().mapToInt(line -> line.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 2) + "s", line[i]));
      }
      out.println(text.toString().stripTrailing());
    }
  }
}
