package dev.es.runtime.projection;

import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.LeaseState;
import dev.es.runtime.internal.SagaConsumer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The projections registered on a feed, seen and steered from outside the runners that host them (an operator's
 * tool; {@code EsAdmin} wraps it with an audit trail). A runner registers each projection it starts, saga consumers
 * included ({@code saga:<name>}).
 *
 * <p>Its actions are requests stored in the controls table; every runner hosting the projection reads them every
 * {@link dev.es.runtime.feed.FeedOptions#renewalInterval() renewal interval} and follows them under the same leases
 * as its workers: a paused projection's workers stop and give their leases up; a replay (rebuild or reset) is
 * claimed by one runner, which waits for the others to hold the projection back, takes every lease of the shards
 * concerned, replays, and lets the projection go on. A request to a projection no runner hosts waits for one.
 */
public final class ProjectionControl {

  /** How far before a reset's instant its replay starts: events are published within seconds of their append. */
  public static final Duration PUBLISHING_SLACK = Duration.ofMinutes(1);

  private final Feed feed;
  private final ConsumerControls controls;
  private final ConsumerLayouts layouts;
  private final ConsumerProgress progress;
  private final ParkedEvents parkedEvents;

  /**
   * For the feed's keyspace and options (its shard count must be the runners').
   *
   * @throws dev.es.runtime.MissingTableException if {@link Feed#initialize()} was not called on this keyspace
   */
  public ProjectionControl(Feed feed) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.controls = new ConsumerControls(feed.store().session(), feed.store().options());
    this.layouts = new ConsumerLayouts(feed.store().session(), feed.store().options());
    this.progress = new ConsumerProgress(feed);
    this.parkedEvents = new ParkedEvents(new ParkedEventStore(feed.store().session(), feed.store().options()),
        feed.options().shards(), this::control);
  }

  /** The names of the registered projections and saga consumers, sorted. */
  public List<String> names() {
    return controls.all().stream().map(ConsumerControl::consumer).sorted().toList();
  }

  /**
   * Where a projection stands: its controls, its lag per shard from the stored checkpoints, and who holds each
   * range. Plain reads: for an operator's look.
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public ProjectionOverview overview(String name) {
    ConsumerControl control = control(name);
    Instant now = feed.store().options().clock().instant();
    List<ShardLag> shards = new ArrayList<>();
    List<RangeLease> ranges = new ArrayList<>();
    long total = 0;
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      ConsumerLayout layout = layouts.latest(name, shard);
      for (SliceRange range : layout.ranges()) {
        Optional<LeaseState> lease = feed.leases().observed(layout.leaseName(range));
        ranges.add(new RangeLease(shard, layout.generation(), range, lease,
            lease.map(taken -> taken.heldAt(now)).orElse(false)));
      }
      ShardLag lag = progress.lag(shard, progress.lowestPosition(layout, range -> OptionalLong.empty()),
          now);
      shards.add(lag);
      total += lag.events();
    }
    return new ProjectionOverview(name, control.registered(), control.paused(), control.failure(),
        control.replay(), total, shards, ranges);
  }

  /**
   * Pauses a projection: the runners hosting it stop its workers (after the events in flight) and give their
   * leases up, and start none until it is resumed.
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public void pause(String name) {
    control(name);
    controls.pause(name);
  }

  /**
   * Resumes a paused projection, or one a runner stopped on a failure (the stored failure is cleared): the runners
   * that hold it back start it again.
   *
   * @throws UnknownProjectionException if no runner registered it
   */
  public void resume(String name) {
    control(name);
    controls.resume(name);
  }

  /**
   * Asks for a rebuild: {@link Projection#reset()}, then every event again from position zero.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalArgumentException if it is a saga's feed consumer, which is never replayed
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest rebuild(String name, String requestedBy) {
    return request(name, ReplayRequest.Kind.REBUILD, startPositions(), requestedBy);
  }

  /** Per shard, position zero: a reset there handles every event again. */
  public Map<Integer, Long> startPositions() {
    return ReplayRequest.everyShardFromZero(feed.options().shards());
  }

  /**
   * Asks for the checkpoints of the shards in {@code positions} to be moved there, keeping the read model: a
   * projection whose handlers are idempotent ends as a rebuild would leave it when moved backwards. The parked
   * events at or after the new positions are removed: the replay meets them again.
   *
   * @throws UnknownProjectionException if no runner registered it
   * @throws IllegalArgumentException naming the shard, if a shard does not exist or a position is negative or
   *     beyond the shard's head (events not published yet would be passed over), or inside the part of the feed
   *     retention removed (above zero and below the shard's floor: from zero, the replay reads that part from the
   *     events table; from inside it, the events table cannot tell which events to leave out); if it is a saga's feed
   *     consumer
   * @throws IllegalStateException if a replay is pending already
   */
  public ReplayRequest reset(String name, Map<Integer, Long> positions, String requestedBy) {
    if (positions.isEmpty()) {
      throw new IllegalArgumentException("name at least one shard to reset");
    }
    positions.forEach((shard, position) -> {
      if (shard < 0 || shard >= feed.options().shards()) {
        int shards = feed.options().shards();
        throw new IllegalArgumentException("shard " + shard + " does not exist: the feed's shards are 0.."
            + (shards - 1));
      }
      long head = feed.headPosition(shard);
      if (position < 0 || position > head) {
        throw new IllegalArgumentException("position " + position + " is outside shard " + shard
            + "'s published positions 0.." + head);
      }
      long floor = feed.floors().read(shard).floor();
      if (position > 0 && position < floor) {
        throw new IllegalArgumentException("position " + position + " of shard " + shard + " was removed from the"
            + " feed by retention (the shard begins at " + floor + "): reset to 0, which replays the removed part"
            + " from the events table, or to " + floor + " or later");
      }
    });
    return request(name, ReplayRequest.Kind.RESET, positions, requestedBy);
  }

  /**
   * Per shard, where a replay of what was appended at or after {@code at} starts: the first position whose event
   * was appended at or after {@code at} minus {@link #PUBLISHING_SLACK} (the feed is in publishing order, which
   * follows append order within the publishing delay; after a publishing outage longer than the slack, reset to
   * positions instead). A binary search over the feed's timestamps: a few reads per shard.
   *
   * @throws IllegalArgumentException naming the shard, if retention removed the events appended then from the feed
   */
  public Map<Integer, Long> positionsAt(Instant at) {
    Instant from = at.minus(PUBLISHING_SLACK);
    Map<Integer, Long> positions = new HashMap<>();
    for (int shard = 0; shard < feed.options().shards(); shard++) {
      long floor = feed.floors().read(shard).floor();
      long low = floor;
      long high = feed.headPosition(shard);
      while (low < high) {
        long middle = low + (high - low) / 2;
        boolean atOrAfter = feed.reader().timestampAt(shard, middle).map(ts -> !ts.isBefore(from)).orElse(true);
        if (atOrAfter) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      if (low == floor && floor > 0 && feed.reader().timestampAt(shard, floor).map(ts -> !ts.isBefore(from))
          .orElse(false)) {
        throw new IllegalArgumentException("the events of shard " + shard + " appended at " + at + " were removed"
            + " from the feed by retention (the shard begins at " + floor + "): rebuild, or reset to 0");
      }
      positions.put(shard, low);
    }
    return positions;
  }

  /** The parked events of every registered projection, to list, retry and skip. */
  public ParkedEvents parkedEvents() {
    return parkedEvents;
  }

  private ReplayRequest request(String name, ReplayRequest.Kind kind, Map<Integer, Long> positions,
      String requestedBy) {
    Objects.requireNonNull(requestedBy, "requestedBy");
    control(name);
    if (name.startsWith(SagaConsumer.NAME_PREFIX)) {
      throw new IllegalArgumentException("'" + name + "' is a saga's feed consumer, which is not replayed: its"
          + " instances record what they handled, but an event that reached no instance then (one that came before"
          + " its instance started) would reach one now; pause and resume it instead");
    }
    ReplayRequest replay = new ReplayRequest(UUID.randomUUID(), kind, positions, requestedBy,
        feed.store().options().clock().instant().truncatedTo(ChronoUnit.MILLIS), Optional.empty()); // as stored
    if (!controls.request(name, replay)) {
      ReplayRequest pending = controls.read(name).flatMap(ConsumerControl::replay).orElse(null);
      throw new IllegalStateException("projection '" + name + "' has a replay pending already"
          + (pending == null ? "" : ": " + pending.kind() + " requested by " + pending.requestedBy() + " at "
          + pending.requestedAt()) + "; wait for it to be done");
    }
    return replay;
  }

  private ConsumerControl control(String name) {
    Objects.requireNonNull(name, "name");
    return controls.read(name).orElseThrow(() -> new UnknownProjectionException(name, "is registered on this feed",
        names()));
  }
}
