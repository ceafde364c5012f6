package dev.es.cli;

import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.projection.ReplayRequest;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code es projection reset <projection> (--to-start | --to <instant> | --shard <n> --position <p>)}. */
@Command(name = "reset", description = {
    "Asks for a projection's checkpoints to be moved, keeping its read model.",
    "Backwards replays events (idempotent handlers end as a rebuild leaves them), forwards passes over them. Give"
        + " exactly one of --to-start, --to, or --shard with --position. Refused (exit 5) while another replay is"
        + " pending."})
final class ProjectionResetCommand implements Callable<Integer> {

  private static final String FORMS = "--to-start, --to <instant>, or --shard <shard> --position <position>";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Option(names = "--to-start", description = "Every shard from position zero: every event again.")
  boolean toStart;

  @Option(names = "--to", paramLabel = "<instant>", converter = InstantConverter.class,
      description = "The events appended at or after this ISO-8601 instant (e.g. 2026-05-02T10:15:30Z), from a"
          + " minute before it on each shard.")
  Instant to;

  @Option(names = "--shard", paramLabel = "<shard>", description = "One shard, with --position.")
  Integer shard;

  @Option(names = "--position", paramLabel = "<position>",
      description = "The position --shard's checkpoint moves to: at most the shard's head.")
  Long position;

  @Override
  public Integer call() {
    int forms = (toStart ? 1 : 0) + (to != null ? 1 : 0) + (shard != null || position != null ? 1 : 0);
    if (forms != 1) {
      throw new ParameterException(spec.commandLine(), "give exactly one of " + FORMS);
    }
    if ((shard == null) != (position == null)) {
      throw new ParameterException(spec.commandLine(), "--shard and --position go together: give both");
    }
    if (shard != null) {
      Arguments.requireNotNegative(spec, "--shard", shard);
      Arguments.requireNotNegative(spec, "--position", position);
    }
    return EsCommand.report(spec, connection -> ActionReport.replay("projection.reset", projection, detail(),
        connection, Replay.of(reset(connection.admin()))));
  }

  private ReplayRequest reset(EsAdmin admin) {
    if (toStart) {
      return admin.resetToStart(projection);
    }
    return to != null ? admin.resetTo(projection, to) : admin.resetTo(projection, shard, position);
  }

  /** The reset's arguments, as the audit table records them. */
  private String detail() {
    if (toStart) {
      return "to the start";
    }
    return to != null ? "to " + to : "shard " + shard + " to position " + position;
  }
}
