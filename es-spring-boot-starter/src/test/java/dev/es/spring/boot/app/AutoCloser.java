package dev.es.spring.boot.app;

import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.runtime.saga.SagaContext;
import dev.es.spring.boot.app.TicketEvent.TicketClosed;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Closes every ticket opened as a duplicate, and a question left open for {@link #QUESTION_OPEN_FOR}: a saga that
 * is a bean, so the starter runs it. A ticket titled "poison…" makes its handler fail every time, so that its
 * instance is parked; one titled "question…" schedules a deadline.
 */
@Component
@Saga(name = "auto-closer")
public class AutoCloser {

  /** The deadline that closes a question still open. */
  public static final String EXPIRE_QUESTION = "expire-question";

  /** How long a question stays open before the saga closes it. */
  public static final Duration QUESTION_OPEN_FOR = Duration.ofDays(7);

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
    if (e.title().startsWith("question")) {
      context.schedule(EXPIRE_QUESTION, QUESTION_OPEN_FOR);
    }
  }

  @DeadlineHandler(EXPIRE_QUESTION)
  void expire(SagaContext context) {
    context.emit("Ticket", ticket, new TicketClosed(ticket, "question expired"));
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "ticket")
  void on(TicketClosed e) {}
}
