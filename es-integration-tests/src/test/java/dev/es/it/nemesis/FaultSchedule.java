package dev.es.it.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The nemesis's faults, one after another, drawn from a seed: the same seed gives the same faults in the same order
 * with the same targets, durations and gaps (how many of them fit in the run depends on how fast nodes restart).
 * The first four are one of each kind, in a random order, so that even a short run injects every kind.
 */
final class FaultSchedule {

  enum Kind {
    /** SIGKILL a node, restart it on its data after {@code millis}. */
    NODE_KILL,
    /** Cut the network between a client process and one node for {@code millis}. */
    CUT,
    /** SIGSTOP a publisher or consumer process for {@code millis} (longer than its lease), then SIGCONT. */
    PAUSE,
    /** Move a writer's clock by {@code skewMillis} for {@code millis}, then back. */
    SKEW
  }

  /**
   * One fault: its kind, the node it concerns (1-based, 0 if none), the client process it concerns (an index into
   * the list of that kind's possible targets), how long it lasts, the clock offset of a skew, and the pause before
   * it.
   */
  record Fault(Kind kind, int node, int client, long millis, long skewMillis, long gapMillis) {}

  private final Random random;
  private final List<Kind> firstOfEach;

  FaultSchedule(long seed) {
    this.random = new Random(seed);
    this.firstOfEach = new ArrayList<>(List.of(Kind.values()));
    Collections.shuffle(firstOfEach, random);
  }

  /** The next fault, given how many client processes can be cut off, paused and skewed. */
  Fault next(int cutTargets, int pauseTargets, int skewTargets) {
    Kind kind = firstOfEach.isEmpty() ? Kind.values()[random.nextInt(Kind.values().length)] : firstOfEach.remove(0);
    long gap = 1_000 + random.nextInt(2_000);
    return switch (kind) {
      case NODE_KILL -> new Fault(kind, 1 + random.nextInt(3), -1, 4_000 + random.nextInt(6_000), 0, gap);
      case CUT -> new Fault(kind, 1 + random.nextInt(3), random.nextInt(cutTargets), 3_000 + random.nextInt(7_000),
          0, gap);
      case PAUSE -> new Fault(kind, 0, random.nextInt(pauseTargets),
          NemesisSetup.LEASE.toMillis() + 1_000 + random.nextInt(4_000), 0, gap);
      case SKEW -> new Fault(kind, 0, random.nextInt(skewTargets), 5_000 + random.nextInt(10_000),
          (random.nextBoolean() ? 1 : -1) * (2_000 + random.nextInt(8_000)), gap);
    };
  }
}
