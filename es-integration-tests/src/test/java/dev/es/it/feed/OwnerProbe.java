package dev.es.it.feed;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A projection hosted by several in-process runners, each with its own instance naming its owner, over one shared
 * record: every handling of every aggregate with its owner, in the order they started, and every time an owner
 * entered an aggregate while a handling of it (by any owner) was still in flight.
 */
final class OwnerProbe implements Projection {

  /** One handling: who handled which version, at which feed position. */
  record Handling(String owner, long version, long position) {}

  /** What all the owners' instances share. */
  static final class Record {
    final Map<UUID, String> inFlight = new ConcurrentHashMap<>();
    final Map<UUID, List<Handling>> handlings = new ConcurrentHashMap<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();

    /** The handlings of an aggregate so far, in the order they started. */
    List<Handling> of(UUID aggregate) {
      List<Handling> handled = handlings.getOrDefault(aggregate, List.of());
      synchronized (handled) {
        return new ArrayList<>(handled);
      }
    }

    long count() {
      return handlings.values().stream().mapToLong(handled -> {
        synchronized (handled) {
          return handled.size();
        }
      }).sum();
    }
  }

  private final String name;
  private final String owner;
  private final Record record;
  private final int maxMillis;

  OwnerProbe(String name, String owner, Record record, int maxMillis) {
    this.name = name;
    this.owner = owner;
    this.record = record;
    this.maxMillis = maxMillis;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void handle(FeedEvent event) throws InterruptedException {
    UUID aggregate = event.envelope().aggregateId();
    String other = record.inFlight.putIfAbsent(aggregate, owner);
    if (other != null) {
      record.overlaps.add(owner + " entered aggregate " + aggregate + " at version " + event.envelope().version()
          + " while " + other + " was handling it");
    }
    List<Handling> handled = record.handlings.computeIfAbsent(aggregate, id -> new ArrayList<>());
    synchronized (handled) {
      handled.add(new Handling(owner, event.envelope().version(), event.position()));
    }
    try {
      Thread.sleep(new Random(event.envelope().eventId().hashCode()).nextInt(maxMillis + 1));
    } finally {
      record.inFlight.remove(aggregate, owner);
    }
  }
}
