package dev.es.it.saga;

import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.it.saga.TallyEvents.NudgeRequested;
import dev.es.it.saga.TallyEvents.ReminderCleared;
import dev.es.it.saga.TallyEvents.ReminderSet;
import dev.es.it.saga.TallyEvents.TallyAdded;
import dev.es.it.saga.TallyEvents.TallyClosed;
import dev.es.it.saga.TallyEvents.TallyLinked;
import dev.es.it.saga.TallyEvents.TallyNoted;
import dev.es.it.saga.TallyEvents.TallyOpened;
import dev.es.it.saga.TallyEvents.TallyVoided;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.SagaType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga that uses every {@link SagaContext} call, for comparing the fixture with the runtime: it emits and declares
 * compensations into the stream named by its instance id (so each instance's decisions can be read back on their
 * own), adds associations, schedules deadlines due soon or far in the future, cancels them, fails on request and
 * ends.
 *
 * @param key the key of the start event
 * @param total the sum of the amounts
 * @param nudges the nudges handled
 */
@Saga(name = "tally")
public record Tally(UUID key, int total, int nudges) {

  /** The type the processor generated; stateless, so one serves every runner. */
  public static final SagaType<Tally> TYPE = new Tally_SagaType();

  /** The aggregate type of the streams the saga emits into. */
  public static final String OUT = "TallyOut";

  /**
   * How long after its request a nudge is due: at once, so that the firer can find the deadline's row before the
   * state that schedules it is stored (it used to delete such a deadline as cancelled, found by this property;
   * SagaSideRowsTest sets that moment up on purpose).
   */
  static final Duration NUDGE_DELAY = Duration.ZERO;

  /** Later than any test runs: reminders never fire. */
  static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  Tally() {
    this(null, 0, 0);
  }

  @StartSaga
  @SagaEventHandler(associationProperty = "key")
  Tally on(TallyOpened e, SagaContext context) {
    context.emit(OUT, context.instanceId(), new TallyNoted(e.key(), total + e.amount()));
    context.compensateWith(OUT, context.instanceId(), new TallyVoided(e.key(), e.amount()));
    return new Tally(key == null ? e.key() : key, total + e.amount(), nudges);
  }

  @SagaEventHandler(associationProperty = "key")
  Tally on(TallyAdded e, SagaContext context) {
    if (e.amount() < 0) {
      throw new IllegalArgumentException("negative amount " + e.amount());
    }
    context.emit(OUT, context.instanceId(), new TallyNoted(key, total + e.amount()));
    if (e.amount() % 3 == 0) {
      context.discardCompensations();
    } else {
      context.compensateWith(OUT, context.instanceId(), new TallyVoided(key, e.amount()));
    }
    return new Tally(key, total + e.amount(), nudges);
  }

  @SagaEventHandler(associationProperty = "key")
  Tally on(TallyLinked e, SagaContext context) {
    context.associateWith("key", e.other());
    return this;
  }

  @SagaEventHandler(associationProperty = "key")
  Tally on(ReminderSet e, SagaContext context) {
    context.schedule("late-" + e.n(), FAR.plusSeconds(e.n()), "");
    return this;
  }

  @SagaEventHandler(associationProperty = "key")
  Tally on(ReminderCleared e, SagaContext context) {
    context.cancelAll("late-" + e.n());
    return this;
  }

  @SagaEventHandler(associationProperty = "key")
  Tally on(NudgeRequested e, SagaContext context) {
    context.schedule("nudge", context.now().plus(NUDGE_DELAY), e.failing() ? "fail" : "");
    return this;
  }

  @DeadlineHandler("nudge")
  Tally nudge(SagaDeadline deadline, SagaContext context) {
    if (deadline.payload().equals("fail")) {
      throw new IllegalStateException("nudge failed");
    }
    context.emit(OUT, context.instanceId(), new TallyNoted(key, total));
    return new Tally(key, total, nudges + 1);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "key")
  Tally on(TallyClosed e, SagaContext context) {
    context.emit(OUT, context.instanceId(), new TallyNoted(key, total));
    return this;
  }
}
