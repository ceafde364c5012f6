package dev.es.runtime.internal;

import dev.es.runtime.projection.Projection;
import java.util.List;

/**
 * The feed consumer of a saga: a {@code ProjectionRunner} hosts it like a projection, but under a name in the
 * sagas' own name space, {@value #NAME_PREFIX} followed by the saga's name, with the leases and checkpoints
 * {@code projection:saga:<saga>:<shard>}. The runner refuses that prefix on every other projection, so that a
 * projection never shares a saga's rows.
 */
public interface SagaConsumer extends Projection {

  String NAME_PREFIX = "saga:";

  /** The consumer name of a saga. */
  static String nameOf(String saga) {
    return NAME_PREFIX + saga;
  }

  /** The sagas among consumer names, in their order. */
  static List<String> sagasAmong(List<String> consumers) {
    return consumers.stream().filter(name -> name.startsWith(NAME_PREFIX))
        .map(name -> name.substring(NAME_PREFIX.length())).toList();
  }
}
