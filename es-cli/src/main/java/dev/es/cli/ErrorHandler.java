package dev.es.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on the error output, {@code es: <what is wrong>}, and its exit code: a script
 * reads the code, a person the line. Picocli's own handlers would print the whole usage help, or a stack trace.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    report(command.getErr(), e.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    Failure failure = Failure.of(e);
    PrintWriter err = command.getErr();
    report(err, failure.message());
    if (EsCommand.of(command.getCommandSpec()).verbose) {
      e.printStackTrace(err);
      err.flush();
    }
    return failure.exitCode();
  }

  private static void report(PrintWriter err, String message) {
    err.println("es: " + Failure.oneLine(message));
    err.flush();
  }
}
