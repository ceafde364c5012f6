package dev.es.it.saga;

import static org.awaitility.Awaitility.await;

import dev.es.it.saga.TallyEvents.TallyOpened;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.fixture.SagaEmitted;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Runs {@link Tally} sequences on the runtime: a runner with the saga consumes the feed of a store, and every
 * sequence goes, in order, into a stream of its own, with fresh keys, so that sequences share one keyspace.
 */
final class TallyOnRuntime implements AutoCloseable {

  /** What the runtime decided for the instance that the sequence's first event started. */
  record Decisions(UUID instanceId, List<SagaEmitted> stream, Tally state, boolean ended, boolean parked,
      List<String> pendingDeadlines) {}

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  /** Polls often: a sequence waits for the runtime a few times, and the property runs a few dozen sequences. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final StoreAndFeed storage;
  private final FeedPublishers publishers;
  private final SagaRunner runner;

  TallyOnRuntime(StoreAndFeed storage) {
    this.storage = storage;
    storage.store.registry().registerAll(TallyEvents.EMITTED);
    publishers = storage.feed.startPublishing("tally");
    runner = SagaRunner.builder(storage.feed).add(Tally.TYPE)
        .retries(2, Duration.ofMillis(10))
        .deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .build().start();
  }

  /** Runs the steps with these keys, on a stream of their own. */
  Decisions run(List<TallyStep> steps, List<UUID> keys) {
    Source source = new Source();
    UUID start = source.append(steps.get(0).event(keys));
    for (TallyStep step : steps.subList(1, steps.size())) {
      source.append(step.event(keys));
      if (step.timePasses()) {
        handledSoFar(source);
        await().pollInterval(POLL).atMost(PATIENCE).until(() -> nudged(instance(keys.get(0), start)));
      }
    }
    handledSoFar(source);
    await().pollInterval(POLL).atMost(PATIENCE).until(() -> instance(keys.get(0), start).unpublishedEvents() == 0);
    SagaInstance<Tally> instance = instance(keys.get(0), start);
    List<SagaEmitted> stream = storage.store.readStream(instance.instanceId())
        .map(e -> SagaEmitted.to(e.aggregateType(), e.aggregateId(), e.payload()))
        .toList();
    List<String> pending = instance.pendingDeadlines().stream()
        .sorted(Comparator.comparing(SagaDeadline::due))
        .map(SagaDeadline::name)
        .toList();
    return new Decisions(instance.instanceId(), stream, instance.state(), instance.ended(), instance.parked(),
        pending);
  }

  /** The instance associated with {@code key} that handled {@code start}: later ones may share the key. */
  private SagaInstance<Tally> instance(UUID key, UUID start) {
    return runner.instances(Tally.TYPE, "key", key).stream()
        .filter(i -> i.handled().contains(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no instance handled the start event " + start));
  }

  private static boolean nudged(SagaInstance<Tally> instance) {
    return instance.parked() || instance.ended()
        || instance.pendingDeadlines().stream().noneMatch(d -> d.name().equals("nudge"));
  }

  /**
   * Waits until the runner has handled every event appended so far: events of one stream are handled in order, so
   * once the instance a fresh start event creates exists, those before it were handled.
   */
  private void handledSoFar(Source source) {
    UUID probe = UUID.randomUUID();
    source.append(new TallyOpened(probe, 0));
    await().pollInterval(POLL).atMost(PATIENCE).until(() -> !runner.instances(Tally.TYPE, "key", probe).isEmpty());
  }

  /** The stream a sequence's events go to, as a service outside the saga would append them. */
  private final class Source {
    private final UUID id = UUID.randomUUID();
    private long version;

    /** Appends the event and returns its id. */
    UUID append(Object event) {
      ExpectedVersion expected = version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version);
      version++;
      return storage.store.append("TallyInput", id, expected, List.of(event)).events().get(0).eventId();
    }
  }

  @Override
  public void close() {
    runner.close();
    publishers.close();
  }
}
