package dev.es.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * {@code es}, the root command. It runs no verb itself (without one, picocli reports "Missing required subcommand");
 * it holds the options every verb shares, which are inherited so that they may come before or after the verb.
 */
@Command(
    name = "es",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = EsVersion.class,
    description = {"Inspects and steers an es application on Cassandra: its event streams, its feed, its projections"
        + " and its sagas.",
        "A verb that changes something is recorded in the application's audit table (es audit), under the name"
            + " --as gives."},
    subcommands = {StreamCommand.class, FeedCommand.class, ProjectionsCommand.class, ProjectionCommand.class,
        SagasCommand.class, SagaCommand.class, AuditCommand.class, HelpCommand.class,
        AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:not found: no such aggregate, projection, saga, saga instance, or parked event",
        "2:bad usage: an unknown verb or option, a bad argument (also one the data refutes: a shard that does not"
            + " exist, a position beyond the shard's head)",
        "3:Cassandra: cannot connect, the keyspace lacks es's tables, or a request failed",
        "4:internal error (a bug; --verbose prints its stack trace)",
        "5:refused: the system's state does not allow it now (a replay pending already, ending a saga instance that"
            + " is not parked)"})
public final class EsCommand {

  /** slf4j-simple's level for every logger, read once when the first logger is made. */
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Mixin ConnectionOptions connection;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document instead of tables.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error, and the driver's warnings.")
  boolean verbose;

  @Option(names = "--as", paramLabel = "<name>", scope = ScopeType.INHERIT,
      description = "Who acts, as the audit table records a change (default: the operating system's user,"
          + " ${DEFAULT-VALUE}).")
  String actor = System.getProperty("user.name", "unknown");

  public static void main(String... args) {
    CommandLine commandLine = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    commandLine.setExecutionStrategy(parsed -> {
      // the driver's log lines would add to the one line an error prints: only --verbose shows them
      if (System.getProperty(LOG_LEVEL) == null) {
        System.setProperty(LOG_LEVEL, commandLine.<EsCommand>getCommand().verbose ? "warn" : "off");
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    System.exit(commandLine.execute(args));
  }

  /**
   * Runs {@code es} with {@code args} in this JVM, printing to {@code out} and {@code err}, and returns its exit
   * code ({@link ExitCodes}); what {@link #main} does, without exiting.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new EsCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    ErrorHandler errors = new ErrorHandler();
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionExceptionHandler(errors);
    // for the shell's completion script (README), not for a person's daily use
    commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    return commandLine;
  }

  /** The root command of the command line {@code spec} is part of. */
  static EsCommand of(CommandSpec spec) {
    return (EsCommand) spec.root().userObject();
  }

  /**
   * What most verbs do: connects as the options say, prints the report {@code verb} makes with the connection,
   * and closes it.
   *
   * @return {@link ExitCodes#OK}; a failure is an exception, which {@link ErrorHandler} reports
   */
  static int report(CommandSpec spec, Function<Connection, Report> verb) {
    EsCommand es = of(spec);
    try (Connection connection = es.connect(spec)) {
      es.print(spec, verb.apply(connection));
    }
    return ExitCodes.OK;
  }

  /** A connection as the options say, for the verb of {@code spec}; the caller closes it. */
  Connection connect(CommandSpec spec) {
    if (actor.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--as must name who acts, was blank");
    }
    return connection.open(spec, actor);
  }

  /** Prints {@code report} to the command line's output, as text or as JSON. */
  void print(CommandSpec spec, Report report) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(report));
    } else {
      report.printText(out);
    }
    out.flush();
  }
}
