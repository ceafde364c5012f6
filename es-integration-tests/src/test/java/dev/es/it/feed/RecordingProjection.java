package dev.es.it.feed;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A read model kept in memory: per aggregate, the versions handled, in the order handled. It can be told to fail
 * on some events, to test retries and failure reports, and to handle only some event types.
 */
// public, with the members they use, for the command line's tests (dev.es.it.cli), which steer it through es
public final class RecordingProjection implements Projection {

  private final String name;
  private final Map<UUID, List<Long>> versions = new ConcurrentHashMap<>();
  private final List<FeedEvent> handled = new CopyOnWriteArrayList<>();
  private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private volatile Predicate<FeedEvent> failOn = event -> false;
  private volatile Predicate<String> handles = type -> true;

  public RecordingProjection(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean handles(String eventType) {
    return handles.test(eventType);
  }

  @Override
  public void handle(FeedEvent event) {
    attempts.computeIfAbsent(event.envelope().aggregateId(), id -> new AtomicInteger()).incrementAndGet();
    if (failOn.test(event)) {
      throw new IllegalStateException("read model unavailable for " + event.envelope().eventId());
    }
    versions.computeIfAbsent(event.envelope().aggregateId(), id -> new CopyOnWriteArrayList<>())
        .add(event.envelope().version());
    handled.add(event);
  }

  @Override
  public void reset() {
    versions.clear();
    handled.clear();
  }

  public void failOn(Predicate<FeedEvent> condition) {
    this.failOn = condition;
  }

  /** Handles only the event types that pass {@code types}; the runner passes over the others undecoded. */
  RecordingProjection handlesOnly(Predicate<String> types) {
    this.handles = types;
    return this;
  }

  /** How many times the handler was called for events of an aggregate, failing or not. */
  int attempted(UUID aggregateId) {
    AtomicInteger calls = attempts.get(aggregateId);
    return calls == null ? 0 : calls.get();
  }

  public Map<UUID, List<Long>> versions() {
    return versions;
  }

  List<FeedEvent> handled() {
    return handled;
  }

  public int count() {
    return handled.size();
  }
}
