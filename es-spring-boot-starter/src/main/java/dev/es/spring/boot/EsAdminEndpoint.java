package dev.es.spring.boot;

import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.projection.ReplayRequest;
import dev.es.runtime.projection.UnknownProjectionException;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaNotFoundException;
import dev.es.spring.boot.EsAdminViews.AuditView;
import dev.es.spring.boot.EsAdminViews.DeadlineView;
import dev.es.spring.boot.EsAdminViews.FeedShardView;
import dev.es.spring.boot.EsAdminViews.Overview;
import dev.es.spring.boot.EsAdminViews.ProjectionView;
import dev.es.spring.boot.EsAdminViews.SagaInstanceView;
import dev.es.spring.boot.EsAdminViews.SagaView;
import dev.es.spring.boot.EsAdminViews.StreamView;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code esadmin} actuator endpoint: the operations of {@link EsAdmin} that the console page calls, over HTTP
 * only ({@code /actuator/esadmin} once exposed).
 *
 * <ul>
 *   <li>{@code GET /actuator/esadmin}: the projections with their lag, owners and first parked events, the sagas
 *       with their first parked instances and pending deadlines, the feed's shards and the newest audit rows;
 *   <li>{@code GET /actuator/esadmin/{aggregateId}?fromVersion=&limit=}: a page of an aggregate's stream;
 *   <li>{@code GET /actuator/esadmin/{saga}/instances?property=&value=}: a saga's instances associated with a
 *       value;
 *   <li>{@code POST /actuator/esadmin/{projection}/{action}}: {@code pause}, {@code resume}, {@code rebuild},
 *       {@code reset} (to the start, or with {@code at}, or {@code shard} and {@code position} in the JSON body),
 *       {@code retry} or {@code skip} (with {@code aggregateId} and {@code version});
 *   <li>{@code POST /actuator/esadmin/{saga}/end}: ends a parked instance (with {@code instance}).
 * </ul>
 *
 * A refused action answers 400 (a bad argument), 404 (no such projection, aggregate, saga or instance) or 409 (a
 * replay pending, an event or instance not parked) with {@code {"message": ...}}. Actions are taken and audited
 * as the request's principal, or as the {@link EsAdmin} bean's actor (the operating system's user) when there is
 * none. The endpoint adds no security of its own: the application's rules for its actuator endpoints apply.
 */
@WebEndpoint(id = "esadmin")
public class EsAdminEndpoint {

  /** How many parked events of each projection, parked instances and deadlines of each saga, and audit rows. */
  static final int LISTED = 20;

  /** How many events of a stream are listed when the request does not say. */
  static final int EVENTS_LISTED = 100;

  private static final int STATUS_CONFLICT = 409;

  /** {@link EsAdmin#retry} or {@link EsAdmin#skip}. */
  private interface ParkedRequest {
    boolean take(String projection, UUID aggregateId, long version);
  }

  private final Feed feed;
  private final EsAdmin admin;

  /**
   * @param feed the feed whose projections and streams are shown
   * @param admin reads, and takes the actions of requests without a principal
   */
  public EsAdminEndpoint(Feed feed, EsAdmin admin) {
    this.feed = feed;
    this.admin = admin;
  }

  /** The projections, the sagas, the feed's shards and the audit trail, now. */
  @ReadOperation
  public Overview overview() {
    Instant now = feed.store().options().clock().instant();
    return new Overview(now.toString(),
        admin.projectionNames().stream()
            .map(name -> ProjectionView.of(admin.projection(name), admin.parkedEvents(name, LISTED))).toList(),
        // a feed no saga runner started on has no saga tables: sagaNames() is empty and nothing reads them
        admin.sagaNames().stream().map(name -> new SagaView(name,
            admin.parkedSagaInstances(name, LISTED).stream().map(SagaInstanceView::of).toList(),
            admin.sagaDeadlines(name, LISTED).stream().map(DeadlineView::of).toList())).toList(),
        admin.feedShards().stream().map(shard -> FeedShardView.of(shard, now)).toList(),
        admin.audit(LISTED).stream().map(AuditView::of).toList());
  }

  /** Up to {@code limit} events (default {@value #EVENTS_LISTED}) of a stream from {@code fromVersion} (default 1). */
  @ReadOperation
  public WebEndpointResponse<Object> stream(@Selector String aggregateId, @Nullable Long fromVersion,
      @Nullable Integer limit) {
    return answer(() -> StreamView.of(admin.stream(uuid("aggregateId", aggregateId),
        fromVersion == null ? 1 : fromVersion, limit == null ? EVENTS_LISTED : limit)));
  }

  /**
   * The instances of {@code saga} associated with {@code property = value}, ended ones included, as a list;
   * {@code view} is {@code instances} (Actuator paths have no fixed segment past the endpoint's id).
   */
  @ReadOperation
  public WebEndpointResponse<Object> sagaInstances(@Selector String saga, @Selector String view, String property,
      String value) {
    return answer(() -> {
      if (!view.equals("instances")) {
        throw new IllegalArgumentException("unknown saga view '" + view + "'; there is only instances");
      }
      return admin.sagaInstances(saga, property, value).stream().map(SagaInstanceView::of).toList();
    });
  }

  /**
   * Takes {@code action} on {@code target}, a projection or, for {@code end}, a saga; answers
   * {@code {"outcome": ...}}.
   */
  @WriteOperation
  public WebEndpointResponse<Object> act(@Selector String target, @Selector String action,
      @Nullable String aggregateId, @Nullable Long version, @Nullable String at, @Nullable Integer shard,
      @Nullable Long position, @Nullable String instance, SecurityContext security) {
    EsAdmin acting = actingAs(security.getPrincipal());
    return answer(() -> Map.of("outcome", switch (action) {
      case "pause" -> {
        acting.pause(target);
        yield "pause requested";
      }
      case "resume" -> {
        acting.resume(target);
        yield "resume requested";
      }
      case "rebuild" -> requested(acting.rebuild(target));
      case "reset" -> requested(reset(acting, target, at, shard, position));
      case "retry" -> parked("retry", acting::retry, target, aggregateId, version);
      case "skip" -> parked("skip", acting::skip, target, aggregateId, version);
      case "end" -> end(acting, target, instance);
      default -> throw new IllegalArgumentException("unknown action '" + action
          + "'; one of pause, resume, rebuild, reset, retry, skip, end");
    }));
  }

  private EsAdmin actingAs(@Nullable Principal principal) {
    // an EsAdmin's actor is fixed when it is built; actions are rare, and the driver hands back the statements it
    // has prepared already, so building one per action costs no round trip to Cassandra
    return principal == null ? admin : new EsAdmin(feed, principal.getName());
  }

  private static ReplayRequest reset(EsAdmin admin, String projection, @Nullable String at, @Nullable Integer shard,
      @Nullable Long position) {
    if (at != null && (shard != null || position != null)) {
      throw new IllegalArgumentException("reset takes either at, or shard and position, not both");
    }
    if (at != null) {
      try {
        return admin.resetTo(projection, Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("at must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, was '"
            + at + "'", e);
      }
    }
    if (shard != null || position != null) {
      if (shard == null || position == null) {
        throw new IllegalArgumentException("reset to a position needs both shard and position");
      }
      return admin.resetTo(projection, shard, position);
    }
    return admin.resetToStart(projection);
  }

  private static String requested(ReplayRequest request) {
    return request.kind().name().toLowerCase() + " requested (" + request.id() + "), from positions "
        + new TreeMap<>(request.positions());
  }

  private static String parked(String action, ParkedRequest request, String projection,
      @Nullable String aggregateId, @Nullable Long version) {
    if (aggregateId == null || version == null) {
      throw new IllegalArgumentException(action + " needs aggregateId and version");
    }
    if (!request.take(projection, uuid("aggregateId", aggregateId), version)) {
      throw new IllegalStateException("aggregate " + aggregateId + " version " + version + " is not parked in '"
          + projection + "' (any more), nothing to " + action);
    }
    return action + " requested";
  }

  private static String end(EsAdmin admin, String saga, @Nullable String instance) {
    if (instance == null) {
      throw new IllegalArgumentException("end needs instance, the id of a parked instance of '" + saga + "'");
    }
    SagaInstance<String> ended = admin.endSagaInstance(saga, uuid("instance", instance));
    return "instance " + ended.instanceId() + " ended";
  }

  private static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a UUID, was '" + value + "'", e);
    }
  }

  /** The answer, or the refusal's message with its status. */
  private static WebEndpointResponse<Object> answer(Supplier<Object> operation) {
    try {
      return new WebEndpointResponse<>(operation.get());
    } catch (UnknownProjectionException | AggregateNotFoundException | SagaNotFoundException e) {
      return refused(e, WebEndpointResponse.STATUS_NOT_FOUND);
    } catch (IllegalArgumentException e) {
      return refused(e, WebEndpointResponse.STATUS_BAD_REQUEST);
    } catch (IllegalStateException e) {
      return refused(e, STATUS_CONFLICT);
    }
  }

  private static WebEndpointResponse<Object> refused(RuntimeException e, int status) {
    return new WebEndpointResponse<>(Map.of("message", String.valueOf(e.getMessage())), status);
  }
}
