package dev.es.spring.boot.app;

import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.runtime.saga.SagaContext;
import dev.es.spring.boot.app.TicketEvent.TicketClosed;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Closes every ticket opened as a duplicate: a saga that is a bean, so the starter runs it. A ticket titled
 * "poison…" makes its handler fail every time, so that its instance is parked.
 */
@Component
@Saga(name = "auto-closer")
public class AutoCloser {

  /** The ticket the instance follows. */
  public UUID ticket;

  public AutoCloser() {}

  @StartSaga
  @SagaEventHandler(associationProperty = "ticket")
  void on(TicketOpened e, SagaContext context) {
    ticket = e.ticket();
    if (e.title().startsWith("poison")) {
      throw new IllegalStateException("ticket " + ticket + " is poisoned");
    }
    if (e.title().startsWith("duplicate")) {
      context.emit("Ticket", ticket, new TicketClosed(ticket, "duplicate"));
    }
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "ticket")
  void on(TicketClosed e) {}
}
