package dev.es.cli;

import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** The parked event a retry or a skip names, as {@code es projection parked} lists it. */
final class ParkedEventArguments {

  @Parameters(index = "0", paramLabel = "<projection>", description = "The projection's name.")
  String projection;

  @Parameters(index = "1", paramLabel = "<aggregate-id>", converter = AggregateIdConverter.class,
      description = "The parked event's aggregate, a UUID.")
  UUID aggregateId;

  @Parameters(index = "2", paramLabel = "<version>", description = "The parked event's version in its aggregate.")
  long version;

  void check(CommandSpec verb) {
    Arguments.requirePositive(verb, "<version>", version);
  }

  /** The event, as the audit table records it. */
  String detail() {
    return "aggregate " + aggregateId + " version " + version;
  }

  NotParkedException notParked() {
    return new NotParkedException(projection, aggregateId, version);
  }
}
