package dev.es.it.generated;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.UUID;

/** An immutable sample aggregate snapshotted at load time: a load that replayed more than 20 events writes one. */
@EventSourced(snapshotAfterReplaying = 20, events = TallyEvent.class)
public record Gauge(UUID id, long total, int readings) {

  Gauge(UUID id) {
    this(id, 0, 0);
  }

  @Apply
  Gauge on(TallyEvent.Counted event) {
    return new Gauge(id, total + event.amount(), readings + 1);
  }
}
