package dev.es.it.nemesis;

import dev.es.testkit.TestLength;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nemesis in the test run: {@link NemesisRun}'s short form (45 s of faults) by default, its long form (6 min)
 * with {@code -Des.test.long=true} ({@link TestLength}). Its seed and figures are in
 * {@code target/nemesis/seed-S-<time>/figures.txt} and in the test's report; {@code -Des.nemesis.seed=S} replays
 * its schedule.
 */
@Tag("cluster")
class NemesisTest {

  @Test
  void randomFaultsOnThreeNodesBreakNoPromise() throws Exception {
    NemesisRun.run();
  }
}
