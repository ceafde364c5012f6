package shop.read;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.annotation.processing.Generated;
import shop.EmailChanged;
import shop.UserActivated;
import shop.UserRegistered;

/**
 * Generated from {@link UserDirectory}. Do not edit.
 *
 * <p>The projection {@code "user-directory"}: hand it to a {@code ProjectionRunner} (catch-up) or to
 * {@code InlineProjection.register} (inline).
 */
@Generated("dev.es.processor.EsProcessor")
public final class UserDirectory_Projection implements Projection {
  /**
   * The projection's name: it keys its checkpoints and leases.
   */
  public static final String NAME = "user-directory";

  /**
   * The stored type names of the events the projector has handlers for.
   */
  private static final Set<String> EVENT_TYPES = Set.of("UserRegistered", "EmailChanged", "UserActivated");

  /**
   * The stage of an event handled without I/O left to wait for.
   */
  private static final CompletionStage<Void> HANDLED = CompletableFuture.completedStage(null);

  private final UserDirectory projector;

  /**
   * @param projector the instance whose handlers update the read model
   */
  public UserDirectory_Projection(UserDirectory projector) {
    this.projector = Objects.requireNonNull(projector, "projector");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Whether the projector has a handler for events of this stored type name.
   */
  @Override
  public boolean handles(String eventType) {
    return EVENT_TYPES.contains(eventType);
  }

  /**
   * Handles the event and waits until its handler's stage completes; throws what the handler
   * threw or its stage failed with.
   */
  @Override
  public void handle(FeedEvent event) throws Exception {
    try {
      handleAsync(event).toCompletableFuture().get();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (failed.getCause() instanceof Error cause) {
        throw cause;
      }
      throw failed;
    }
  }

  /**
   * Calls the handler of the event's payload type. Returns the stage of a handler that returns
   * one, a completed stage after a {@code void} handler and for events without a handler, and a
   * failed stage if the handler throws an exception.
   */
  @Override
  public CompletionStage<Void> handleAsync(FeedEvent event) {
    Object payload = event.envelope().payload();
    try {
      if (payload instanceof UserRegistered e) {
        projector.on(e, event);
        return HANDLED;
      }
      if (payload instanceof EmailChanged e) {
        return handled(projector.on(e), "UserDirectory.on(EmailChanged)");
      }
      if (payload instanceof UserActivated e) {
        projector.on(e);
        return HANDLED;
      }
    } catch (Exception failure) {
      return CompletableFuture.failedFuture(failure);
    }
    return HANDLED;
  }

  /**
   * Empties the read model before a rebuild.
   */
  @Override
  public void reset() {
    projector.clear();
  }

  /**
   * The stage of an asynchronous handler, as the runner's {@code CompletionStage<Void>}.
   */
  private static CompletionStage<Void> handled(CompletionStage<?> stage, String handler) {
    if (stage == null) {
      throw new NullPointerException(handler + " returned null instead of a CompletionStage");
    }
    return stage.thenApply(result -> null);
  }
}
