package dev.es.spring.boot.app;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.runtime.feed.FeedEvent;
import dev.es.spring.boot.app.TicketEvent.TicketClosed;
import dev.es.spring.boot.app.TicketEvent.TicketOpened;
import org.springframework.stereotype.Component;

/** Keeps TicketView up to date: a bean, so the starter runs it on the feed. */
@Component
@Projector(name = "ticket-views")
public class TicketProjector {

  private final TicketViewTable table;

  public TicketProjector(TicketViewTable table) {
    this.table = table;
  }

  @Handle void on(TicketOpened e, FeedEvent event) {
    table.upsert(new TicketView(event.envelope().aggregateId(), e.title(), null));
  }

  @Handle void on(TicketClosed e, FeedEvent event) {
    table.find(event.envelope().aggregateId())
        .ifPresent(view -> table.upsert(new TicketView(view.id(), view.title(), e.reason())));
  }

  @Reset void clear() {
    table.truncate();
  }
}
