package shop.read;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import java.util.Objects;
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
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class UserDirectory_Projection implements Projection {
  /**
   * The projection's name: it keys its checkpoints and leases.
   */
  public static final String NAME = "user-directory";

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
   * Calls the handler of the event's payload type; ignores events without one.
   */
  @Override
  public void handle(FeedEvent event) throws Exception {
    Object payload = event.envelope().payload();
    if (payload instanceof UserRegistered e) {
      projector.on(e, event);
      return;
    }
    if (payload instanceof EmailChanged e) {
      projector.on(e);
      return;
    }
    if (payload instanceof UserActivated e) {
      projector.on(e);
      return;
    }
  }

  /**
   * Empties the read model before a rebuild.
   */
  @Override
  public void reset() {
    projector.clear();
  }
}
