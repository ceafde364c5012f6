package dev.es.cli;

import java.io.PrintWriter;

/**
 * What a verb prints. A report is a record: {@code --json} prints its components as one JSON document ({@link
 * Json}); otherwise it prints itself as text for a person.
 */
interface Report {

  void printText(PrintWriter out);
}
