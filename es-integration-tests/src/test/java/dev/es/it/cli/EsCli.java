package dev.es.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.cli.EsCommand;
import dev.es.testkit.CassandraCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the {@code es} command line in this JVM, through its own connection path: {@code --contact-point} and {@code
 * --datacenter} of the test node, a session of its own.
 */
final class EsCli {

  private EsCli() {}

  /** What one run returned and printed. */
  record Run(int exitCode, String out, String err) {

    /** The rows of the text output, cut into their columns (two spaces or more apart). */
    List<String[]> rows() {
      return out.lines().map(line -> line.split(" {2,}")).toList();
    }

    /** The row whose first column is {@code first}. */
    String[] row(String first) {
      return rows().stream().filter(row -> row[0].equals(first)).findFirst()
          .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + out));
    }

    /** The output of a run that succeeded, read as the one JSON document it is. */
    JsonNode json() {
      if (exitCode != 0) {
        throw new AssertionError("exit code " + exitCode + ": " + err);
      }
      try {
        return new ObjectMapper().readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code es <args> --contact-point <node> --datacenter <dc>}. */
  static Run es(CassandraCluster cluster, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    InetSocketAddress node = cluster.contactPoints().get(0);
    all.addAll(List.of("--contact-point", contactPoint(node), "--datacenter", cluster.localDatacenter()));
    return run(all.toArray(String[]::new));
  }

  /** {@code es <args>}, as given. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = EsCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static String contactPoint(InetSocketAddress node) {
    return node.getHostString() + ":" + node.getPort();
  }
}
