package dev.es.examples.user.registration;

import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.examples.user.RegistrationStarted;
import dev.es.examples.user.UserDeactivated;
import dev.es.runtime.saga.SagaContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The user-registration saga: a new user gets a welcome e-mail; a failed attempt is retried after
 * {@link #RETRY_DELAY} until {@link #GIVE_UP_AFTER} from the registration; then the saga gives up and compensates
 * by deactivating the user.
 *
 * <p>It never calls the mail service itself: a handler may run more than once (retried, or again after a crash
 * before its state was stored), and only what it does through the {@link SagaContext} is exactly once. It emits a
 * {@link WelcomeEmailRequested} carrying an idempotency key derived from the saga instance; the
 * {@link WelcomeMailer} calls the service at least once per request with that key, so the user gets at most one
 * e-mail, and reports the outcome as an event the saga handles.
 *
 * @param userId the user registering
 * @param email where the welcome e-mail goes
 * @param firstName for the greeting
 * @param attempts the attempts requested so far
 * @param giveUpAt after this instant a failure is not retried any more
 */
// snippet:registration-saga
@Saga(name = "user-registration")
public record UserRegistration(UUID userId, String email, String firstName, int attempts, Instant giveUpAt) {

  /** The pause between a failed attempt and the next. */
  public static final Duration RETRY_DELAY = Duration.ofMillis(300);
  /** The retry deadline: no attempt starts later than this after the registration. */
  public static final Duration GIVE_UP_AFTER = Duration.ofSeconds(3);
  /** The name of the retry deadline. */
  public static final String RETRY = "retry-welcome-email";
  /** The aggregate type of the per-user streams the e-mail requests go to. */
  public static final String MAILBOX = "Mailbox";

  UserRegistration() {
    this(null, null, null, 0, null);
  }

  @StartSaga
  @SagaEventHandler(associationProperty = "userId")
  UserRegistration on(RegistrationStarted e, SagaContext context) {
    // emitted only if a later step keeps failing and the instance is parked
    context.compensateWith("User", e.userId(), new UserDeactivated("registration could not be completed"));
    return new UserRegistration(e.userId(), e.email(), e.firstName(), 0, context.now().plus(GIVE_UP_AFTER))
        .requestEmail(context);
  }

  @SagaEventHandler(associationProperty = "userId")
  UserRegistration on(WelcomeEmailFailed e, SagaContext context) {
    if (!context.now().plus(RETRY_DELAY).isAfter(giveUpAt)) {
      context.schedule(RETRY, RETRY_DELAY);
      return this;
    }
    // give up, and compensate: the registration is undone by deactivating the user
    context.emit("User", userId, new UserDeactivated("welcome e-mail undeliverable: " + e.reason()));
    context.emit(MAILBOX, mailbox(userId), new WelcomeEmailAbandoned(userId, attempts, e.reason()));
    context.end();
    return this;
  }

  @DeadlineHandler(RETRY)
  UserRegistration retry(SagaContext context) {
    return requestEmail(context);
  }

  @EndSaga
  @SagaEventHandler(associationProperty = "userId")
  UserRegistration on(WelcomeEmailSent e) {
    return this; // the declared compensation is dropped with the instance's end
  }

  private UserRegistration requestEmail(SagaContext context) {
    UserRegistration next = new UserRegistration(userId, email, firstName, attempts + 1, giveUpAt);
    // one key per registration, the same for every attempt: the mail service sends at most one welcome e-mail
    String key = context.sagaName() + ":" + context.instanceId() + ":welcome";
    context.emit(MAILBOX, mailbox(userId), new WelcomeEmailRequested(userId, email, firstName, next.attempts, key));
    return next;
  }

  /** The stream of a user's e-mail requests: its own aggregate, not the user's stream. */
  public static UUID mailbox(UUID userId) {
    return UUID.nameUUIDFromBytes(("mailbox:" + userId).getBytes(StandardCharsets.UTF_8));
  }
}
// end:registration-saga
