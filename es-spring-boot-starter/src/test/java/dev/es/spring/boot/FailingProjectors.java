package dev.es.spring.boot;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/** Projectors that fail on tickets titled "poison" while told to: one parks the event, one stops on it. */
final class FailingProjectors {

  /** Whether the projectors fail on a poison ticket now. */
  static final AtomicBoolean FAILING = new AtomicBoolean(true);

  private FailingProjectors() {}

  static void check(TicketOpened e) {
    if (FAILING.get() && e.title().equals("poison")) {
      throw new IllegalStateException("cannot project a poison ticket");
    }
  }

  /** Run with {@code failure-policy: PARK}. */
  @Component
  @Projector(name = "parking")
  static class Parking {
    @Handle void on(TicketOpened e) {
      check(e);
    }
  }

  /** Run with the default {@code failure-policy: STOP}. */
  @Component
  @Projector(name = "stopping")
  static class Stopping {
    @Handle void on(TicketOpened e) {
      check(e);
    }
  }
}
