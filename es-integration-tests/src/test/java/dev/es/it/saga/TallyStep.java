package dev.es.it.saga;

import dev.es.it.saga.TallyEvents.NudgeRequested;
import dev.es.it.saga.TallyEvents.ReminderCleared;
import dev.es.it.saga.TallyEvents.ReminderSet;
import dev.es.it.saga.TallyEvents.TallyAdded;
import dev.es.it.saga.TallyEvents.TallyClosed;
import dev.es.it.saga.TallyEvents.TallyLinked;
import dev.es.it.saga.TallyEvents.TallyOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One generated input of the {@link Tally} saga: an event for one of a try's keys, named by index so that a
 * sequence can be generated (and shrunk) before the try picks fresh keys. Key 0 is the instance under test's.
 */
sealed interface TallyStep {

  /** The event, with the try's keys. */
  Object event(List<UUID> keys);

  /** Whether the runtime fires a deadline after the event, and the fixture's time must pass for it to fire too. */
  default boolean timePasses() {
    return false;
  }

  record Open(int key, int amount) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new TallyOpened(keys.get(key), amount);
    }
  }

  record Add(int key, int amount) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new TallyAdded(keys.get(key), amount);
    }
  }

  record Link(int key, int other) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new TallyLinked(keys.get(key), keys.get(other));
    }
  }

  record Remind(int key, int n) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new ReminderSet(keys.get(key), n);
    }
  }

  record Unremind(int key, int n) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new ReminderCleared(keys.get(key), n);
    }
  }

  record Nudge(int key, boolean failing) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new NudgeRequested(keys.get(key), failing);
    }

    @Override
    public boolean timePasses() {
      return true;
    }
  }

  record Close(int key) implements TallyStep {
    public Object event(List<UUID> keys) {
      return new TallyClosed(keys.get(key));
    }
  }

  /** How many keys a sequence uses: the instance under test's and two others. */
  int KEYS = 3;

  /**
   * A start event for key 0, then half to all of {@code maxSteps} steps for any key; failing steps are rare enough
   * that most sequences get some way before the instance parks.
   */
  static Arbitrary<List<TallyStep>> sequences(int maxSteps) {
    Arbitrary<Integer> key = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1), Tuple.of(1, 2));
    Arbitrary<Integer> amount = Arbitraries.integers().between(0, 9);
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 2);
    Arbitrary<TallyStep> step = Arbitraries.frequencyOf(
        Tuple.of(2, Combinators.combine(key, amount).as(Open::new)),
        Tuple.of(3, Combinators.combine(key, Arbitraries.integers().between(-1, 9)).as(Add::new)),
        Tuple.of(2, Combinators.combine(key, key).as(Link::new)),
        Tuple.of(2, Combinators.combine(key, n).as(Remind::new)),
        Tuple.of(2, Combinators.combine(key, n).as(Unremind::new)),
        Tuple.of(2, Combinators.combine(key, Arbitraries.of(true, false, false, false)).as(Nudge::new)),
        Tuple.of(1, key.map(Close::new)));
    return Combinators.combine(amount, step.list().ofMinSize(maxSteps / 2).ofMaxSize(maxSteps)).as((first, rest) -> {
      List<TallyStep> all = new ArrayList<>();
      all.add(new Open(0, first));
      all.addAll(rest);
      return all;
    });
  }
}
