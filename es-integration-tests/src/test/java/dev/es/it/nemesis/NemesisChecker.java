package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.es.it.nemesis.Attempt.Outcome;
import dev.es.it.nemesis.TallyProjection.Tally;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.internal.EventRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what the writers were told with what is stored, the stored events with the feed, the projection's read
 * model with a rebuild and the saga's effects with the orders; every difference is a violation, named.
 */
final class NemesisChecker {

  private final CassandraEventStore store;
  private final Feed feed;
  private final List<String> violations = new ArrayList<>();
  /** Every stored event by id, read once at the start of the check. */
  private final Map<UUID, EventEnvelope<Object>> stored = new LinkedHashMap<>();
  private final Map<UUID, List<EventEnvelope<Object>>> streams = new HashMap<>();

  NemesisChecker(CassandraEventStore store, Feed feed) {
    this.store = store;
    this.feed = feed;
  }

  List<String> violations() {
    return violations;
  }

  int storedEvents() {
    return stored.size();
  }

  /** Reads every stored event; no event id may be stored twice and every stream's versions are 1..N. */
  void readStore() {
    CqlSession session = store.session();
    SimpleStatement scan = SimpleStatement.newInstance("SELECT aggregate_id, version, event_id, aggregate_type, "
            + "event_type, event_revision, ts, user_id, metadata, payload FROM " + NemesisSetup.KEYSPACE + ".events")
        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM).setPageSize(1000);
    for (Row row : session.execute(scan)) {
      EventEnvelope<Object> event = EventRows.decode(store, row);
      if (stored.put(event.eventId(), event) != null) {
        violation("event " + event.eventId() + " is stored twice (again in " + event.aggregateId() + " at version "
            + event.version() + ")");
      }
      streams.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
    }
    streams.forEach((id, events) -> {
      events.sort(Comparator.comparingLong(EventEnvelope::version));
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).version() != i + 1) {
          violation("stream " + id + " has version " + events.get(i).version() + " at place " + (i + 1));
          break;
        }
      }
    });
  }

  /** The final answer to each append of the writers' histories, and the checks of each against the store. */
  Map<Outcome, Integer> checkHistory(List<Attempt> attempts) {
    Map<List<UUID>, List<Attempt>> appends = attempts.stream()
        .collect(Collectors.groupingBy(Attempt::eventIds, LinkedHashMap::new, Collectors.toList()));
    Map<Outcome, Integer> finals = new EnumMap<>(Outcome.class);
    Set<UUID> attempted = new HashSet<>();
    appends.forEach((ids, tries) -> {
      attempted.addAll(ids);
      Outcome outcome = settled(tries);
      finals.merge(outcome, 1, Integer::sum);
      long present = ids.stream().filter(stored::containsKey).count();
      if (outcome == Outcome.ACK) {
        if (present != ids.size()) {
          violation("acknowledged append " + describe(tries) + ": " + present + " of its " + ids.size()
              + " events stored");
        } else {
          requireConsecutive(ids, tries);
        }
      } else if (outcome == Outcome.CONFLICT || outcome == Outcome.NOT_WRITTEN) {
        if (present > 0) {
          violation("append reported not written (" + outcome + ") " + describe(tries) + ": " + present
              + " of its events stored");
        }
      } else if (present != 0 && present != ids.size()) {
        violation("append in doubt " + describe(tries) + " is stored in part: " + present + " of " + ids.size());
      }
    });
    for (EventEnvelope<Object> event : stored.values()) {
      boolean writersType = event.payload() instanceof NemesisSetup.Ticked || event.payload() instanceof OrderCreated
          || event.payload() instanceof PaymentConfirmed;
      if (writersType && !attempted.contains(event.eventId())) {
        violation("event " + event.eventId() + " in " + event.aggregateId() + " was never appended by a writer");
      }
    }
    return finals;
  }

  /**
   * What an append finally came to: acknowledged by any try; else not written if a try conflicted (the stream
   * moved past the version every try was at) or if every try failed without reaching a node; else unknown.
   */
  static Outcome settled(List<Attempt> tries) {
    List<Outcome> outcomes = tries.stream().map(Attempt::outcome).toList();
    if (outcomes.contains(Outcome.ACK)) {
      return Outcome.ACK;
    }
    if (outcomes.contains(Outcome.CONFLICT)) {
      return Outcome.CONFLICT;
    }
    if (outcomes.stream().allMatch(o -> o == Outcome.NOT_WRITTEN)) {
      return Outcome.NOT_WRITTEN;
    }
    return outcomes.contains(Outcome.UNKNOWN) ? Outcome.UNKNOWN : Outcome.OTHER;
  }

  private void requireConsecutive(List<UUID> ids, List<Attempt> tries) {
    EventEnvelope<Object> first = stored.get(ids.get(0));
    for (int i = 1; i < ids.size(); i++) {
      EventEnvelope<Object> event = stored.get(ids.get(i));
      if (!event.aggregateId().equals(first.aggregateId()) || event.version() != first.version() + i) {
        violation("acknowledged append " + describe(tries) + " is not stored as one run of versions");
        return;
      }
    }
    if (!first.aggregateId().equals(tries.get(0).aggregateId())) {
      violation("acknowledged append " + describe(tries) + " is stored in another stream, " + first.aggregateId());
    }
  }

  /** The feed holds every stored event exactly once, per aggregate in version order, at gapless positions. */
  int checkFeed() {
    Map<UUID, Integer> seen = new HashMap<>();
    Map<UUID, Long> lastVersion = new HashMap<>();
    int read = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      long expectedPosition = 0;
      for (List<FeedEvent> page = feed.reader().read(shard, 0, 500); !page.isEmpty();
          page = feed.reader().read(shard, expectedPosition, 500)) {
        for (FeedEvent event : page) {
          read++;
          if (event.position() != expectedPosition) {
            violation("feed shard " + shard + " jumps from position " + (expectedPosition - 1) + " to "
                + event.position());
          }
          expectedPosition = event.position() + 1;
          EventEnvelope<Object> e = event.envelope();
          seen.merge(e.eventId(), 1, Integer::sum);
          Long before = lastVersion.put(e.aggregateId(), e.version());
          if (before != null && e.version() != before + 1 || before == null && e.version() != 1) {
            violation("feed shard " + shard + " position " + event.position() + ": " + e.aggregateId()
                + " version " + e.version() + " after " + before);
          }
          if (!stored.containsKey(e.eventId())) {
            violation("feed event " + e.eventId() + " at shard " + shard + " position " + event.position()
                + " is not stored");
          }
        }
      }
    }
    seen.forEach((id, times) -> {
      if (times > 1) {
        violation("event " + id + " is in the feed " + times + " times");
      }
    });
    for (UUID id : stored.keySet()) {
      if (!seen.containsKey(id)) {
        EventEnvelope<Object> e = stored.get(id);
        violation("stored event " + id + " (" + e.aggregateId() + " version " + e.version() + ") is not in the feed");
      }
    }
    return read;
  }

  /** The competing runners' read model equals the rebuild's, and both equal the streams. */
  void checkProjection(Map<UUID, Tally> readModel, Map<UUID, Tally> rebuild) {
    if (!readModel.equals(rebuild)) {
      Set<UUID> differing = new HashSet<>(readModel.keySet());
      differing.addAll(rebuild.keySet());
      differing.removeIf(id -> java.util.Objects.equals(readModel.get(id), rebuild.get(id)));
      differing.stream().limit(10).forEach(id -> violation("read model of " + id + " is " + readModel.get(id)
          + ", the rebuild's " + rebuild.get(id)));
    }
    streams.forEach((id, events) -> {
      Tally expected = new Tally(events.size(), events.size(),
          events.stream().mapToLong(e -> TallyProjection.amount(e.payload())).sum());
      if (!expected.equals(readModel.get(id))) {
        violation("read model of " + id + " is " + readModel.get(id) + ", its stream gives " + expected);
      }
    });
  }

  /** Each stored order got one payment request; each confirmed payment one reservation and one shipment. */
  int checkSagaEffects() {
    Map<UUID, Long> requested = countBy(PaymentRequested.class, PaymentRequested::orderId);
    Map<UUID, Long> reserved = countBy(InventoryReserved.class, InventoryReserved::orderId);
    Map<UUID, Long> shipped = countBy(ShipmentCreated.class, ShipmentCreated::orderId);
    int effects = 0;
    for (EventEnvelope<Object> event : stored.values()) {
      if (event.payload() instanceof OrderCreated created) {
        effects += once("PaymentRequested", created.orderId(), requested);
      } else if (event.payload() instanceof PaymentConfirmed confirmed) {
        effects += once("InventoryReserved", confirmed.orderId(), reserved);
        effects += once("ShipmentCreated", confirmed.orderId(), shipped);
      }
    }
    long all = requested.values().stream().mapToLong(Long::longValue).sum()
        + reserved.values().stream().mapToLong(Long::longValue).sum()
        + shipped.values().stream().mapToLong(Long::longValue).sum();
    if (all != effects) {
      violation(all + " saga effects are stored, " + effects + " were caused by stored events");
    }
    return effects;
  }

  private int once(String effect, UUID order, Map<UUID, Long> counts) {
    long count = counts.getOrDefault(order, 0L);
    if (count != 1) {
      violation("order " + order + " has " + count + " " + effect + " events, not 1");
    }
    return (int) count;
  }

  private <T> Map<UUID, Long> countBy(Class<T> type, Function<T, UUID> order) {
    return stored.values().stream().map(EventEnvelope::payload).filter(type::isInstance).map(type::cast)
        .collect(Collectors.groupingBy(order, Collectors.counting()));
  }

  private static String describe(List<Attempt> tries) {
    return "to " + tries.get(0).aggregateId() + " (" + tries.stream().map(t -> t.outcome() + "@" + t.expected()
        + (t.exception().equals("-") ? "" : " " + t.exception())).collect(Collectors.joining(", ")) + ")";
  }

  private void violation(String what) {
    violations.add(what);
  }
}
