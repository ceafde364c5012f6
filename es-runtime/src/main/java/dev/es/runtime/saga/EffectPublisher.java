package dev.es.runtime.saga;

import dev.es.runtime.AfterAppendListenerException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.internal.StorePrivacy;
import dev.es.runtime.spi.EventType;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends staged events so that publishing the same outbox twice (after a crash) stores each event once.
 *
 * <p>Each event is appended with an exact expected version. If that conflicts, the stream after the version
 * observed before the state write is searched for the event's id: every attempt to append it landed after that
 * version, so not finding it there proves it was never stored, and it is appended at the new head.
 */
final class EffectPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(EffectPublisher.class);
  private static final int MAX_ATTEMPTS = 32;

  private final CassandraEventStore store;
  private final EventSerializer json;

  EffectPublisher(CassandraEventStore store, EventSerializer json) {
    this.store = store;
    this.json = json;
  }

  void publish(String saga, List<StagedEvent> events) {
    for (StagedEvent event : events) {
      append(saga, event);
    }
  }

  private void append(String saga, StagedEvent staged) {
    NewEvent event = new NewEvent(staged.eventId(), payload(saga, staged), staged.userId(), staged.metadata());
    long expected = staged.observedVersion();
    for (int attempt = 1; ; attempt++) {
      try {
        store.appendEvents(staged.aggregateType(), staged.aggregateId(),
            expected == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(expected), List.of(event));
        return;
      } catch (AfterAppendListenerException stored) {
        LOG.warn("saga {}: event {} stored, but an after-append listener failed: {}", saga, staged.eventId(),
            stored.toString());
        return;
      } catch (ConcurrencyConflictException conflict) {
        if (alreadyStored(staged)) {
          return;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new IllegalStateException("saga " + saga + " could not append " + staged.eventType() + " "
              + staged.eventId() + " to " + staged.aggregateType() + " " + staged.aggregateId() + " after "
              + attempt + " conflicts", conflict);
        }
        expected = store.currentVersion(staged.aggregateId());
      }
    }
  }

  private boolean alreadyStored(StagedEvent staged) {
    try (var events = store.readStream(staged.aggregateId(), staged.observedVersion() + 1)) {
      return events.anyMatch(e -> e.eventId().equals(staged.eventId()));
    }
  }

  private Object payload(String saga, StagedEvent staged) {
    EventType<?> type = store.registry().find(staged.eventType(), staged.revision()).orElseThrow(() ->
        new IllegalStateException("saga " + saga + " staged event " + staged.eventId() + " of type "
            + staged.eventType() + " revision " + staged.revision() + ", which is not registered with the store"));
    try {
      // staged sealed (see StoreStager): opened here, sealed again under a new IV by the append
      String payload = type.personalData().isEmpty() ? staged.payload()
          : StorePrivacy.of(store).open(type, staged.payload());
      return json.read(payload, type.javaClass());
    } catch (IOException e) {
      throw new IllegalStateException("saga " + saga + " cannot read its staged event " + staged.eventId() + " of type "
          + staged.eventType() + ": " + e.getMessage(), e);
    }
  }
}
