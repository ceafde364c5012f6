package dev.es.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code es} says about its own arguments, before it needs a Cassandra node (or when none answers). */
class UsageTest {

  private static final String ID = "3f2a0c1e-5b7d-4e8f-9a01-23456789abcd";

  /** The exit code, what went to the output and what went to the error output of one run. */
  record Run(int exitCode, String out, String err) {}

  static Run es(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = EsCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                                    | Missing required subcommand",
      "frobnicate                            | Unmatched argument at index 0: 'frobnicate'",
      "stream                                | Missing required parameter: '<aggregate-id>'",
      "stream 1234                           | (<aggregate-id>): '1234' is not a UUID",
      "stream " + ID + " --limit 0           | --limit must be at least 1, was 0",
      "stream " + ID + " --limit many        | Invalid value for option '--limit'",
      "stream " + ID + " --from 0            | --from must be at least 1, was 0",
      "feed --shards 0                       | --shards must be at least 1, was 0",
      "feed --contact-point localhost        | 'localhost' is not host:port",
      "feed --contact-point localhost:99999  | 'localhost:99999' is not host:port",
      "feed --keyspace my-shop               | --keyspace: invalid keyspace name 'my-shop'",
      "feed                                  | no keyspace: give --keyspace",
      "feed --keyspace shop --config /nonexistent.conf | --config /nonexistent.conf: no such file",
      "feed --bogus                          | Unknown option: '--bogus'",
      "projection                            | Missing required subcommand",
      "projection frobnicate                 | Unmatched argument at index 1: 'frobnicate'",
      "projection status                     | Missing required parameter: '<projection>'",
      "projection pause                      | Missing required parameter: '<projection>'",
      "projection reset orders               | give exactly one of --to-start, --to <instant>, or --shard",
      "projection reset orders --to-start --to 2026-05-02T10:15:30Z | give exactly one of",
      "projection reset orders --to-start --shard 0 --position 1 | give exactly one of",
      "projection reset orders --shard 1     | --shard and --position go together: give both",
      "projection reset orders --position 5  | --shard and --position go together: give both",
      "projection reset orders --shard -1 --position 0 | --shard must be at least 0, was -1",
      "projection reset orders --shard 0 --position -3 | --position must be at least 0, was -3",
      "projection reset orders --to yesterday | 'yesterday' is not an ISO-8601 instant such as 2026-05-02T10:15:30Z",
      "projection parked orders --limit 0    | --limit must be at least 1, was 0",
      "projection retry orders 1234 1        | (<aggregate-id>): '1234' is not a UUID",
      "projection retry orders " + ID + " 0  | <version> must be at least 1, was 0",
      "projection skip orders " + ID + "     | Missing required parameter: '<version>'",
      "projection skip orders " + ID + " one | Invalid value for positional parameter at index 2 (<version>)",
      "saga                                  | Missing required subcommand",
      "saga instances OrderProcessing orderId | Missing required parameter: '<value>'",
      "saga instance OrderProcessing 1234    | (<instance-id>): '1234' is not a UUID",
      "saga parked OrderProcessing --limit 0 | --limit must be at least 1, was 0",
      "saga deadlines OrderProcessing --limit -1 | --limit must be at least 1, was -1",
      "saga end OrderProcessing              | Missing required parameter: '<instance-id>'",
      "audit --limit 0                       | --limit must be at least 1, was 0",
      "projections extra                     | Unmatched argument at index 1: 'extra'",
      "sagas --keyspace my-shop              | --keyspace: invalid keyspace name 'my-shop'"})
  void aBadArgumentIsOneLineNamingItAndExitCode2(String args, String error) {
    Run run = es(args.isEmpty() ? new String[0] : args.split(" "));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith("es: ").contains(error);
  }

  @Test
  void aConfigurationThatDoesNotReadIsAUsageError(@TempDir Path directory) throws IOException {
    Path config = Files.writeString(directory.resolve("application.conf"), "datastax-java-driver { basic {");

    Run run = es("feed", "--keyspace", "shop", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("es: the driver's configuration does not read: ");
  }

  @Test
  void aBlankActorIsAUsageError() {
    Run run = es("projection", "pause", "orders", "--keyspace", "shop", "--as", " ");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines()).containsExactly("es: --as must name who acts, was blank (see es projection pause"
        + " --help)");
  }

  @Test
  void noNodeAnsweringIsOneLineAndExitCode3() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Run run = es("stream", ID, "--contact-point", "127.0.0.1:" + closedPort, "--keyspace", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CASSANDRA);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("es: cannot connect to Cassandra: ").contains("127.0.0.1:" + closedPort);
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Run run = es("--verbose", "feed", "--contact-point", "127.0.0.1:" + closedPort, "--keyspace", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CASSANDRA);
    assertThat(run.err().lines().findFirst()).hasValueSatisfying(
        line -> assertThat(line).startsWith("es: cannot connect to Cassandra: "));
    assertThat(run.err()).contains("CannotConnectException", "\tat ");
  }

  @Test
  void helpListsTheVerbsTheConnectionOptionsAndTheExitCodes() {
    Run run = es("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("stream", "feed", "projections", "projection", "sagas", "saga", "audit",
        "--contact-point", "--keyspace", "--json", "--as=<name>", "Exit codes:", "1   not found",
        "3   Cassandra: cannot connect", "5   refused: the system's state does not allow it now");
    assertThat(run.out()).doesNotContain("generate-completion");
  }

  @Test
  void theGroupsListTheirVerbs() {
    assertThat(es("projection", "--help").out())
        .contains("status", "pause", "resume", "rebuild", "reset", "parked", "retry", "skip");
    assertThat(es("saga", "--help").out()).contains("instances", "instance", "parked", "deadlines", "end");
  }

  @Test
  void theOperatorIsTheOperatingSystemsUserUnlessAsSaysOtherwise() {
    assertThat(es("audit", "--help").out()).contains("the operating system's user, " + System.getProperty("user.name"));
  }

  @Test
  void theVerbsTakeTheSharedOptionsAfterTheirName() {
    Run run = es("stream", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("<aggregate-id>", "--from", "--limit", "--contact-point", "--json");
  }

  @Test
  void versionIsTheProjectVersion() {
    Run run = es("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).matches("es \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void generateCompletionPrintsABashCompletionScriptForEs() {
    Run run = es("generate-completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_es", "stream", "feed", "projection", "saga", "audit",
        "--contact-point");
  }
}
