package dev.es.examples;

import dev.es.runtime.EventQuery;
import dev.es.runtime.projection.EventCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The event statistics in the report: counted from the feed by the built-in {@code EventStatistics}, then checked
 * against the event store's own reads by aggregate type and event type.
 */
final class StatisticsReport {

  private final Shop shop;
  private final PrintStream out;
  private final Checks checks;

  StatisticsReport(Shop shop, PrintStream out, Checks checks) {
    this.shop = shop;
    this.out = out;
    this.checks = checks;
  }

  /** Counts what the feed holds once everything appended is published, prints it and checks it. */
  EventCounts run(String title, boolean compareEveryType) throws InterruptedException {
    out.println();
    out.println("== Event statistics (" + title + ") ==");
    Await.until(shop.feed::allPublished, Duration.ofMinutes(2), () -> "the feed did not publish everything");
    long counted = shop.statistics.catchUp();
    EventCounts counts = shop.statistics.read();
    out.println("  " + counts.total() + " events (" + counted + " counted now), by aggregate type: "
        + counts.byAggregateType());
    out.println("  by event type: " + counts.byEventType());
    if (compareEveryType) {
      checks.check("the statistics equal the store's count of every aggregate type and every event type",
          matchesStore(counts.byAggregateType(), true) && matchesStore(counts.byEventType(), false)
              && counts.total() == counts.byAggregateType().values().stream().mapToLong(Long::longValue).sum());
    }
    return counts;
  }

  private boolean matchesStore(Map<String, Long> counts, boolean byAggregateType) {
    return counts.entrySet().stream().allMatch(entry -> entry.getValue() == shop.store.read(byAggregateType
        ? EventQuery.aggregateType(entry.getKey()) : EventQuery.eventType(entry.getKey())).count());
  }
}
