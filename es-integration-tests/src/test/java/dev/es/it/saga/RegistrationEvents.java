package dev.es.it.saga;

import dev.es.runtime.spi.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The user-registration events. */
public final class RegistrationEvents {

  public record UserRegistered(UUID userId, String email) {}

  public record WelcomeEmailRequested(UUID userId, String email, int attempt) {}

  public record WelcomeEmailFailed(UUID userId, String reason) {}

  public record EmailRetryScheduled(UUID userId, int attempt, Instant retryAt) {}

  public record WelcomeEmailDelivered(UUID userId) {}

  /** Imported profile data; the handler fails on {@code "corrupt"} (poison) and {@code "flaky"} (twice). */
  public record ProfileImported(UUID userId, String source) {}

  /** The compensation declared when the saga starts. */
  public record RegistrationRolledBack(UUID userId, String reason) {}

  public static final List<EventType<?>> TYPES = List.of(
      EventType.current("UserRegistered", 1, UserRegistered.class),
      EventType.current("WelcomeEmailRequested", 1, WelcomeEmailRequested.class),
      EventType.current("WelcomeEmailFailed", 1, WelcomeEmailFailed.class),
      EventType.current("EmailRetryScheduled", 1, EmailRetryScheduled.class),
      EventType.current("WelcomeEmailDelivered", 1, WelcomeEmailDelivered.class),
      EventType.current("ProfileImported", 1, ProfileImported.class),
      EventType.current("RegistrationRolledBack", 1, RegistrationRolledBack.class));

  private RegistrationEvents() {}
}
