package dev.es.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    description = "Inspects the event streams and the feed of an es application on Cassandra.",
    subcommands = {StreamCommand.class, FeedCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:not found: no such aggregate",
        "2:bad usage: an unknown verb or option, a bad argument",
        "3:Cassandra: cannot connect, the keyspace lacks es's tables, or a request failed",
        "4:internal error (a bug; --verbose prints its stack trace)"})
public final class EsCommand {

  /** slf4j-simple's level for every logger, read once when the first logger is made. */
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Mixin ConnectionOptions connection;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document instead of tables.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error, and the driver's warnings.")
  boolean verbose;

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

  /** A connection as the options say, for the verb of {@code spec}; the caller closes it. */
  Connection connect(CommandSpec spec) {
    return connection.open(spec);
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
