package dev.es.it.saga;

import dev.es.testkit.fixture.SagaEmitted;
import dev.es.testkit.fixture.SagaFixture;
import dev.es.testkit.fixture.SagaResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Runs {@link Tally} sequences through the testkit's {@link SagaFixture}, one {@code when} per step. */
final class TallyOnFixture {

  /**
   * What the fixture decided.
   *
   * @param fixture the fixture after the steps it handled
   * @param emitted what the handlers emitted, in order
   * @param state the state after the last handled step
   * @param failure the result of the step whose handler threw (the runtime parks the instance there), or null
   */
  record Walk(SagaFixture<Tally> fixture, List<SagaEmitted> emitted, Tally state, SagaResult<Tally> failure) {}

  /** One {@code when} and, if it was handled, the {@code given} that makes it part of the past. */
  private record Move(Function<SagaFixture<Tally>, SagaResult<Tally>> when, UnaryOperator<SagaFixture<Tally>> given) {

    static final Move NUDGE_FALLS_DUE = new Move(f -> f.whenTimeElapses(Tally.NUDGE_DELAY),
        f -> f.givenTimeElapsed(Tally.NUDGE_DELAY));

    static Move event(Object event) {
      return new Move(f -> f.when(event), f -> f.given(event));
    }
  }

  private TallyOnFixture() {}

  /** Walks the steps with these keys for the instance with this id, up to the first failing handler. */
  static Walk walk(UUID instanceId, List<TallyStep> steps, List<UUID> keys) {
    SagaFixture<Tally> fixture = SagaFixture.of(Tally.TYPE).withInstanceId(instanceId)
        .withEventTypes(TallyEvents.EMITTED);
    List<SagaEmitted> emitted = new ArrayList<>();
    Tally state = null;
    for (TallyStep step : steps) {
      Move move = Move.event(step.event(keys));
      List<Move> moves = step.timePasses() ? List.of(move, Move.NUDGE_FALLS_DUE) : List.of(move);
      for (Move m : moves) {
        SagaResult<Tally> result = m.when().apply(fixture);
        if (threw(result)) {
          return new Walk(fixture, emitted, state, result);
        }
        if (!ignored(result)) {
          emitted.addAll(result.emitted());
          state = result.state();
          fixture = m.given().apply(fixture);
        }
      }
    }
    return new Walk(fixture, emitted, state, null);
  }

  // a result tells what happened only through its expectations

  private static boolean threw(SagaResult<Tally> result) {
    try {
      result.expectException(Throwable.class);
      return true;
    } catch (AssertionError notThrown) {
      return false;
    }
  }

  private static boolean ignored(SagaResult<Tally> result) {
    try {
      result.expectIgnored();
      return true;
    } catch (AssertionError reached) {
      return false;
    }
  }
}
