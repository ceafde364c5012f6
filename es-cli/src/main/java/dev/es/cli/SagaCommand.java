package dev.es.cli;

import picocli.CommandLine.Command;

/** {@code es saga <verb>}: one saga's instances and deadlines. It runs no verb itself. */
@Command(name = "saga",
    description = {"Shows a saga's instances and pending deadlines, and ends a parked instance.",
        "An instance's state is shown as stored (JSON): the command line has none of the saga's classes."},
    subcommands = {SagaInstancesCommand.class, SagaInstanceCommand.class, SagaParkedCommand.class,
        SagaDeadlinesCommand.class, SagaEndCommand.class})
final class SagaCommand {}
