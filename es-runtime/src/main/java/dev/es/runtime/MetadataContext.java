package dev.es.runtime;

import java.util.Objects;
import java.util.UUID;

/**
 * The command or event being handled on this thread, so that events appended meanwhile carry its correlation
 * id, its id as causation id, and its user. Scopes nest and must be closed (try-with-resources):
 *
 * <pre>{@code
 * try (var scope = MetadataContext.forCommand(commandId, "alice")) {
 *   users.update(id, user -> user.changeEmail("a@b.c"));   // events carry correlation = causation = commandId
 * }
 * try (var scope = MetadataContext.causedBy(envelope)) {     // while handling an event
 *   orders.save(order);                                      // correlation kept, causation = envelope.eventId()
 * }
 * }</pre>
 */
public final class MetadataContext {

  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  private record Frame(String userId, EventMetadata metadata, Frame outer) {}

  private MetadataContext() {}

  /** Handling a command: it correlates and causes everything appended within the scope. */
  public static Scope forCommand(UUID commandId, String userId) {
    String id = commandId.toString();
    return open(userId, currentMetadata().withCorrelationId(id).withCausationId(id));
  }

  /** Handling a stored event: keep its correlation id (or start one with its id) and name it as the cause. */
  public static Scope causedBy(EventEnvelope<?> cause) {
    String eventId = cause.eventId().toString();
    String correlation = cause.metadata().correlationId() != null ? cause.metadata().correlationId() : eventId;
    EventMetadata metadata =
        new EventMetadata(correlation, eventId, currentMetadata().source(), cause.metadata().attributes());
    return open(cause.userId(), metadata);
  }

  /** Any user and metadata, e.g. to set the {@code source} once per thread. */
  public static Scope open(String userId, EventMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    Frame frame = new Frame(userId, metadata, CURRENT.get());
    CURRENT.set(frame);
    return new Scope(frame);
  }

  /** The metadata of the innermost open scope, or empty metadata. */
  public static EventMetadata currentMetadata() {
    Frame frame = CURRENT.get();
    return frame == null ? EventMetadata.empty() : frame.metadata();
  }

  /** The user of the innermost open scope, or null. */
  public static String currentUserId() {
    Frame frame = CURRENT.get();
    return frame == null ? null : frame.userId();
  }

  /** Restores the enclosing context when closed. */
  public static final class Scope implements AutoCloseable {
    private final Frame frame;

    private Scope(Frame frame) {
      this.frame = frame;
    }

    @Override
    public void close() {
      if (CURRENT.get() != frame) {
        throw new IllegalStateException("metadata scopes must be closed innermost first, on the opening thread");
      }
      if (frame.outer() == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(frame.outer());
      }
    }
  }
}
