package dev.es.it.saga;

import dev.es.runtime.spi.EventType;
import java.util.List;
import java.util.UUID;

/** The events of the {@link Tally} saga: each carries the {@code key} that routes it. */
public final class TallyEvents {

  public record TallyOpened(UUID key, int amount) {}

  /** Fails its handler when negative. */
  public record TallyAdded(UUID key, int amount) {}

  /** Routes the events of {@code other} to the instances of {@code key} too. */
  public record TallyLinked(UUID key, UUID other) {}

  /** Schedules deadline {@code late-<n>}, due far in the future. */
  public record ReminderSet(UUID key, int n) {}

  /** Cancels every pending {@code late-<n>}. */
  public record ReminderCleared(UUID key, int n) {}

  /** Schedules a {@code nudge} due soon, whose handler fails when {@code failing}. */
  public record NudgeRequested(UUID key, boolean failing) {}

  public record TallyClosed(UUID key) {}

  /** Emitted: the total after a step. */
  public record TallyNoted(UUID key, int total) {}

  /** Declared as compensation: undoes an amount. */
  public record TallyVoided(UUID key, int amount) {}

  /** What the saga emits or declares; it handles the others, which its generated type lists. */
  public static final List<EventType<?>> EMITTED = List.of(
      EventType.current("TallyNoted", 1, TallyNoted.class),
      EventType.current("TallyVoided", 1, TallyVoided.class));

  private TallyEvents() {}
}
