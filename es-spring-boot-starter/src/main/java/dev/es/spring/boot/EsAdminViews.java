package dev.es.spring.boot;

import dev.es.runtime.admin.AuditEntry;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.admin.ShardInspection;
import dev.es.runtime.admin.StreamInspection;
import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.projection.ParkedEvent;
import dev.es.runtime.projection.ProjectionOverview;
import dev.es.runtime.projection.RangeLease;
import dev.es.runtime.projection.ReplayRequest;
import dev.es.runtime.projection.ReportedFailure;
import dev.es.runtime.projection.ShardLag;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.ScheduledDeadline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the {@code esadmin} endpoint answers: the runtime's records in plain fields, times as ISO-8601 text and ages
 * in milliseconds, absent values as null, so that the console page and scripts read them without knowing the
 * runtime's types or the application's JSON settings.
 */
public final class EsAdminViews {

  private EsAdminViews() {}

  /**
   * Everything the console shows but a stream.
   *
   * @param at when it was read
   * @param projections every projection registered on the feed, saga consumers included
   * @param sagas every saga a runner started on the feed; none when the application runs no saga
   * @param feed each feed shard
   * @param audit the newest actions taken through {@code EsAdmin}, newest first
   */
  public record Overview(String at, List<ProjectionView> projections, List<SagaView> sagas,
      List<FeedShardView> feed, List<AuditView> audit) {}

  /**
   * A projection.
   *
   * @param name its name ({@code saga:<name>} for a saga's feed consumer)
   * @param state {@code FAILED}, {@code PAUSED}, {@code REPLAY PENDING}, {@code RUNNING} (a runner holds a lease of
   *     it) or {@code NOT RUNNING}, the first that applies
   * @param lag events appended and not yet handled, over all shards
   * @param shards the lag per shard
   * @param ranges who handles each range of each shard
   * @param failure what a runner stopped it on, until it is resumed; null if none
   * @param pendingReplay a replay asked for and not done yet; null if none
   * @param parked its first parked events
   */
  public record ProjectionView(String name, String state, long lag, List<ShardLagView> shards,
      List<RangeView> ranges, FailureView failure, ReplayView pendingReplay, List<ParkedView> parked) {

    static ProjectionView of(ProjectionOverview overview, List<ParkedEvent> parked) {
      return new ProjectionView(overview.name(), state(overview), overview.lag(),
          overview.shards().stream().map(ShardLagView::of).toList(),
          overview.ranges().stream().map(RangeView::of).toList(),
          overview.failure().map(FailureView::of).orElse(null),
          overview.pendingReplay().map(ReplayView::of).orElse(null),
          parked.stream().map(ParkedView::of).toList());
    }

    private static String state(ProjectionOverview overview) {
      if (overview.failure().isPresent()) {
        return "FAILED";
      }
      if (overview.paused()) {
        return "PAUSED";
      }
      if (overview.pendingReplay().isPresent()) {
        return "REPLAY PENDING";
      }
      return overview.running() ? "RUNNING" : "NOT RUNNING";
    }
  }

  /**
   * A projection's lag on one feed shard.
   *
   * @param position the lowest position not yet handled
   * @param events events appended and not yet handled, unpublished ones included
   * @param oldestMillis how long ago the oldest of them was appended; 0 when there is none
   * @param unpublished of {@code events}, those not published to the feed yet
   */
  public record ShardLagView(int shard, long position, long events, long oldestMillis, long unpublished) {

    static ShardLagView of(ShardLag lag) {
      return new ShardLagView(lag.shard(), lag.position(), lag.events(), lag.oldestUnhandledAge().toMillis(),
          lag.unpublished());
    }
  }

  /**
   * One slice range of a projection's shard and its lease.
   *
   * @param owner who took the lease last; null if nobody did yet
   * @param held whether that owner holds it now
   * @param expires when the lease ends unless renewed; null if nobody took it yet
   * @param checkpoint the checkpoint stored with the lease; null if nobody took it yet
   */
  public record RangeView(int shard, long generation, int from, int to, String owner, boolean held, String expires,
      Long checkpoint) {

    static RangeView of(RangeLease range) {
      LeaseState lease = range.lease().orElse(null);
      return new RangeView(range.shard(), range.generation(), range.range().from(), range.range().to(),
          lease == null ? null : lease.owner(), range.held(), lease == null ? null : lease.expires().toString(),
          lease == null ? null : lease.position());
    }
  }

  /** The failure a runner stopped a projection on: its description, when, and which runner. */
  public record FailureView(String description, String at, String owner) {

    static FailureView of(ReportedFailure failure) {
      return new FailureView(failure.description(), failure.at().toString(), failure.owner());
    }
  }

  /**
   * A replay asked for and not done yet.
   *
   * @param kind {@code REBUILD} or {@code RESET}
   * @param positions per shard, the position the replay starts at
   * @param claimedBy the runner carrying it out; null until one claims it
   */
  public record ReplayView(String id, String kind, Map<Integer, Long> positions, String requestedBy,
      String requestedAt, String claimedBy) {

    static ReplayView of(ReplayRequest request) {
      return new ReplayView(request.id().toString(), request.kind().name(), new TreeMap<>(request.positions()),
          request.requestedBy(), request.requestedAt().toString(), request.claimedBy().orElse(null));
    }
  }

  /**
   * A parked event.
   *
   * @param failure why it is parked: the last error, or which parked version it is held back behind
   * @param attempts how often it was tried; 0 for an event held back without being tried
   * @param requested {@code RETRY} or {@code SKIP} asked for and not done yet; null if none
   */
  public record ParkedView(String projection, int shard, long position, String aggregateId, long version,
      String eventType, String eventId, String failure, int attempts, String parkedAt, String requested) {

    static ParkedView of(ParkedEvent parked) {
      return new ParkedView(parked.projection(), parked.event().shard(), parked.event().position(),
          parked.event().aggregateId().toString(), parked.event().version(), parked.event().eventType(),
          parked.event().eventId().toString(), parked.failure(), parked.attempts(), parked.parkedAt().toString(),
          parked.requested().map(Enum::name).orElse(null));
    }
  }

  /**
   * A saga.
   *
   * @param parked its first parked instances, in id order
   * @param deadlines its first pending deadlines, in due order
   */
  public record SagaView(String name, List<SagaInstanceView> parked, List<DeadlineView> deadlines) {}

  /**
   * A saga instance as stored.
   *
   * @param state its state as stored JSON
   * @param version how many times it was written
   * @param ended whether it ended, by a handler or by hand
   * @param parked whether a handler kept failing on it: it handles nothing more until it is ended
   * @param error why it was parked; null if it was not
   * @param parkedEvent the id of the event or deadline it was parked on; null if it was not
   * @param handled how many events and deadlines it handled
   * @param pendingDeadlines its deadlines that fire unless cancelled
   * @param deferred how many events reached it while it was parked, not handled
   * @param unpublishedEvents events its last handler decided and not confirmed appended yet (normally 0)
   */
  public record SagaInstanceView(String saga, String instanceId, String state, long version, boolean ended,
      boolean parked, String error, String parkedEvent, int handled, List<DeadlineView> pendingDeadlines,
      int deferred, int unpublishedEvents) {

    static SagaInstanceView of(SagaInstance<String> instance) {
      return new SagaInstanceView(instance.saga(), instance.instanceId().toString(), instance.state(),
          instance.version(), instance.ended(), instance.parked(), instance.error().orElse(null),
          instance.parkedEvent().map(UUID::toString).orElse(null), instance.handled().size(),
          instance.pendingDeadlines().stream().map(deadline -> DeadlineView.of(instance.instanceId(), deadline))
              .toList(),
          instance.deferred().size(), instance.unpublishedEvents());
    }
  }

  /**
   * A deadline pending on a saga instance.
   *
   * @param instanceId the instance that scheduled it
   * @param name what it was scheduled for
   * @param due when it fires, at the earliest
   * @param payload the text its handler attached; empty if none
   */
  public record DeadlineView(String instanceId, String id, String name, String due, String payload) {

    static DeadlineView of(ScheduledDeadline scheduled) {
      return of(scheduled.instance(), scheduled.deadline());
    }

    static DeadlineView of(UUID instance, SagaDeadline deadline) {
      return new DeadlineView(instance.toString(), deadline.id().toString(), deadline.name(),
          deadline.due().toString(), deadline.payload());
    }
  }

  /**
   * A feed shard.
   *
   * @param publisher who took its publisher's lease last; null if no publisher ever ran
   * @param publishing whether that lease is held now
   * @param headPosition the position its next published event gets
   * @param backlogEvents events appended and not published yet
   * @param backlogStreams streams with such events
   * @param oldestWaitingMillis how long the oldest of them has waited; 0 when there is none
   */
  public record FeedShardView(int shard, String publisher, boolean publishing, long headPosition, long backlogEvents,
      long backlogStreams, long oldestWaitingMillis) {

    static FeedShardView of(ShardInspection shard, Instant now) {
      return new FeedShardView(shard.shard(), shard.publisherLease().map(LeaseState::owner).orElse(null),
          shard.publishing(), shard.headPosition(), shard.backlog().events(), shard.backlog().streams(),
          shard.backlog().age(now).toMillis());
    }
  }

  /**
   * An action taken through {@code EsAdmin}: when, who, what, on which projection or saga ({@code target}), its
   * arguments and outcome.
   */
  public record AuditView(String at, String actor, String action, String target, String detail, String outcome) {

    static AuditView of(AuditEntry entry) {
      return new AuditView(entry.at().toString(), entry.actor(), entry.action(), entry.target(), entry.detail(),
          entry.outcome());
    }
  }

  /**
   * A page of one aggregate's stream.
   *
   * @param head the version of its last event
   * @param published the version up to which the feed publisher has copied it
   * @param dirty whether an append has marked it for the publisher since
   * @param events the events asked for, in version order
   * @param snapshots its snapshots, newest first
   */
  public record StreamView(String aggregateId, String aggregateType, long head, long published, boolean dirty,
      List<EventView> events, List<SnapshotView> snapshots) {

    static StreamView of(StreamInspection stream) {
      return new StreamView(stream.aggregateId().toString(), stream.aggregateType(), stream.head(),
          stream.published(), stream.dirty(), stream.events().stream().map(EventView::of).toList(),
          stream.snapshots().stream()
              .map(s -> new SnapshotView(s.version(), s.fingerprint(), s.timestamp().toString())).toList());
    }
  }

  /**
   * A stored event.
   *
   * @param json its payload as stored
   * @param undecodable why this process cannot decode it; null when it can
   */
  public record EventView(long version, String eventId, String eventType, int revision, String timestamp,
      String userId, Map<String, String> metadata, String json, String undecodable) {

    static EventView of(InspectedEvent event) {
      return new EventView(event.version(), event.eventId().toString(), event.eventType(), event.revision(),
          event.timestamp().toString(), event.userId(), new TreeMap<>(event.metadata()), event.json(),
          event.undecodable().orElse(null));
    }
  }

  /** A stored snapshot: the version it includes, its serializer's fingerprint, when it was written. */
  public record SnapshotView(long version, String fingerprint, String timestamp) {}
}
