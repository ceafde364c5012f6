package dev.es.spring.boot;

import dev.es.runtime.feed.PublisherStatus;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionFailure;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.projection.ShardLag;
import dev.es.runtime.projection.ShardLayout;
import dev.es.runtime.saga.SagaRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the projections, sagas and publishers of this process are doing, read from the runners' own status: what
 * the {@code es} health indicator judges and the {@code es} actuator endpoint shows. Each call reads the lag from
 * Cassandra, so it is for monitoring, not for a hot path.
 */
public class EsMonitor {

  /** How many parked events of one projection, or parked instances of one saga, a report lists. */
  static final int PARKED_LISTED = 10;

  private final ProjectionRunner projections;
  private final SagaRunner sagas;
  private final FeedPublishing publishing;

  /**
   * @param projections the projection runner, or null when projections are off
   * @param sagas the saga runner, or null when sagas are off
   * @param publishing the feed's publishers, or null when this process does not publish
   */
  public EsMonitor(ProjectionRunner projections, SagaRunner sagas, FeedPublishing publishing) {
    this.projections = projections;
    this.sagas = sagas;
    this.publishing = publishing;
  }

  /** Everything, now. */
  public Report report() {
    List<ConsumerView> projectionViews = new ArrayList<>();
    if (projections != null) {
      for (String name : projections.names()) {
        List<String> parked = projections.parkedEvents().list(name, PARKED_LISTED).stream()
            .map(ParkedEvent::describe).toList();
        projectionViews.add(ConsumerView.of(name, projections.status(name), parked));
      }
    }
    List<ConsumerView> sagaViews = new ArrayList<>();
    if (sagas != null) {
      for (String name : sagas.names()) {
        List<String> parked = sagas.parkedInstances(name, PARKED_LISTED).stream()
            .map(instance -> instance.error().orElse("saga " + name + " instance " + instance.instanceId() + " parked"))
            .toList();
        sagaViews.add(ConsumerView.of(name, sagas.status(name), parked));
      }
    }
    List<PublisherView> publisherViews = publishing == null ? List.of()
        : publishing.status().stream().map(PublisherView::of).toList();
    return new Report(projectionViews, sagaViews, publisherViews);
  }

  /**
   * The projections, sagas and publishers of this process.
   *
   * @param projections each catch-up projection
   * @param sagas each saga's feed consumer
   * @param publishers each feed shard's publisher in this process
   */
  public record Report(List<ConsumerView> projections, List<ConsumerView> sagas, List<PublisherView> publishers) {}

  /**
   * A projection or a saga's feed consumer.
   *
   * @param name the projection or saga
   * @param state RUNNING, FAILED or STOPPED
   * @param lagEvents events appended and not yet handled, over all shards
   * @param lagMillis how long ago the oldest of them was appended, over all shards
   * @param failure why it stopped, naming the event, when it failed
   * @param parked the first parked events of a projection, or the first parked instances of a saga, described
   * @param shards per shard: the lag and the ranges this process owns
   */
  public record ConsumerView(String name, String state, long lagEvents, long lagMillis, String failure,
      List<String> parked, List<ShardView> shards) {

    static ConsumerView of(String name, ProjectionStatus status, List<String> parked) {
      List<ShardView> shards = new ArrayList<>();
      Duration oldest = Duration.ZERO;
      for (ShardLag lag : status.shards()) {
        ShardLayout layout = status.layouts().stream().filter(l -> l.shard() == lag.shard()).findFirst()
            .orElse(null);
        shards.add(new ShardView(lag.shard(), lag.position(), lag.events(), lag.oldestUnhandledAge().toMillis(),
            lag.unpublished(), layout == null ? List.of()
                : layout.ownedHere().stream().map(Object::toString).toList()));
        oldest = lag.oldestUnhandledAge().compareTo(oldest) > 0 ? lag.oldestUnhandledAge() : oldest;
      }
      return new ConsumerView(name, status.state().name(), status.lag(), oldest.toMillis(),
          status.failure().map(ProjectionFailure::describe).orElse(null), parked, shards);
    }
  }

  /**
   * One feed shard of a consumer.
   *
   * @param shard the shard
   * @param position the lowest position not handled yet
   * @param lagEvents events appended to the shard and not handled yet
   * @param lagMillis age of the oldest of them
   * @param unpublished of those, how many the publisher has not published yet
   * @param ownedHere the ranges of the shard this process owns (holds the lease of)
   */
  public record ShardView(int shard, long position, long lagEvents, long lagMillis, long unpublished,
      List<String> ownedHere) {}

  /**
   * A feed shard's publisher.
   *
   * @param shard the shard
   * @param state RUNNING, FAILING, FAILED or STOPPED
   * @param since when it entered the state
   * @param failures consecutive failed attempts
   * @param failure the last failure, if any
   */
  public record PublisherView(int shard, String state, String since, int failures, String failure) {

    static PublisherView of(PublisherStatus status) {
      return new PublisherView(status.shard(), status.state().name(), status.since().toString(),
          status.failures(), status.failure().map(Throwable::toString).orElse(null));
    }
  }
}
