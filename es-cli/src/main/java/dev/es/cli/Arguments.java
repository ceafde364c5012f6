package dev.es.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's types cannot express; a failed one is a usage error. */
final class Arguments {

  private Arguments() {}

  static void requirePositive(CommandSpec command, String option, long value) {
    if (value < 1) {
      throw new ParameterException(command.commandLine(), option + " must be at least 1, was " + value);
    }
  }

  static void requireNotNegative(CommandSpec command, String option, long value) {
    if (value < 0) {
      throw new ParameterException(command.commandLine(), option + " must be at least 0, was " + value);
    }
  }
}
