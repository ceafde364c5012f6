package dev.es.cli;

import picocli.CommandLine.Command;

/** {@code es projection <verb>}: one projection, seen and steered. It runs no verb itself. */
@Command(name = "projection",
    description = {"Shows and steers one projection.",
        "A saga's feed consumer is the projection saga:<name>. A change is a request that the runners hosting the"
            + " projection follow within a renewal interval (a quarter of the lease duration)."},
    subcommands = {ProjectionStatusCommand.class, ProjectionPauseCommand.class, ProjectionResumeCommand.class,
        ProjectionRebuildCommand.class, ProjectionResetCommand.class, ProjectionParkedCommand.class,
        ProjectionRetryCommand.class, ProjectionSkipCommand.class})
final class ProjectionCommand {}
