package dev.es.it.saga;

import dev.es.it.saga.RegistrationEvents.EmailRetryScheduled;
import dev.es.it.saga.RegistrationEvents.ProfileImported;
import dev.es.it.saga.RegistrationEvents.RegistrationRolledBack;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailDelivered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailRequested;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * UserRegistered → WelcomeEmailRequested (and declares RegistrationRolledBack as compensation); WelcomeEmailFailed
 * → EmailRetryScheduled plus a {@code retry-email} deadline, which → WelcomeEmailRequested again;
 * WelcomeEmailDelivered cancels pending retries and ends.
 */
// by hand: each test gives its retry delay and the type counts "flaky" failures; a generated type has neither
public final class RegistrationSaga implements SagaType<RegistrationSaga.State> {

  public static final String RETRY = "retry-email";

  /** Mutable state, as a plain class would have: handlers change it and return it. */
  public static final class State {
    public UUID userId;
    public String email;
    public int attempt;
    public String profileSource;
  }

  private final Duration retryDelay;
  private final AtomicInteger flakyFailuresLeft = new AtomicInteger(2);

  public RegistrationSaga(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  @Override
  public String name() {
    return "UserRegistration";
  }

  @Override
  public Class<State> stateClass() {
    return State.class;
  }

  @Override
  public State create() {
    return new State();
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return RegistrationEvents.TYPES;
  }

  @Override
  public Optional<Binding> bind(Object event) {
    if (event instanceof UserRegistered e) {
      return Optional.of(Binding.starting("userId", e.userId()));
    }
    if (event instanceof WelcomeEmailFailed e) {
      return Optional.of(Binding.continuing("userId", e.userId()));
    }
    if (event instanceof WelcomeEmailDelivered e) {
      return Optional.of(Binding.continuing("userId", e.userId()));
    }
    if (event instanceof ProfileImported e) {
      return Optional.of(Binding.continuing("userId", e.userId()));
    }
    return Optional.empty();
  }

  @Override
  public State handle(State state, Object event, SagaContext context) {
    if (event instanceof UserRegistered e) {
      return on(state, e, context);
    }
    if (event instanceof WelcomeEmailFailed e) {
      return on(state, e, context);
    }
    if (event instanceof WelcomeEmailDelivered e) {
      return on(state, e, context);
    }
    if (event instanceof ProfileImported e) {
      return on(state, e);
    }
    throw new IllegalArgumentException("saga UserRegistration has no handler for " + event.getClass().getName());
  }

  @Override
  public State onDeadline(State state, SagaDeadline deadline, SagaContext context) {
    if (deadline.name().equals(RETRY)) {
      return retry(state, context);
    }
    throw new IllegalArgumentException("saga UserRegistration has no handler for deadline " + deadline.name());
  }

  // ---- what the user writes

  /** The e-mail stream of a user: its own aggregate, not the user's stream. */
  public static UUID mailbox(UUID userId) {
    return UUID.nameUUIDFromBytes(("mailbox:" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private State on(State state, UserRegistered e, SagaContext context) {
    state.userId = e.userId();
    state.email = e.email();
    state.attempt = 1;
    context.emit("Email", mailbox(e.userId()), new WelcomeEmailRequested(e.userId(), e.email(), 1));
    context.compensateWith("User", e.userId(), new RegistrationRolledBack(e.userId(), "registration failed"));
    return state;
  }

  private State on(State state, WelcomeEmailFailed e, SagaContext context) {
    state.attempt++;
    Instant retryAt = context.now().plus(retryDelay);
    context.schedule(RETRY, retryAt, "");
    context.emit("Email", mailbox(state.userId), new EmailRetryScheduled(state.userId, state.attempt, retryAt));
    return state;
  }

  private State retry(State state, SagaContext context) {
    context.emit("Email", mailbox(state.userId), new WelcomeEmailRequested(state.userId, state.email, state.attempt));
    return state;
  }

  private State on(State state, WelcomeEmailDelivered e, SagaContext context) {
    context.cancelAll(RETRY);
    context.end();
    return state;
  }

  private State on(State state, ProfileImported e) {
    if (e.source().equals("corrupt")) {
      throw new IllegalStateException("profile of user " + e.userId() + " cannot be imported");
    }
    if (e.source().equals("flaky") && flakyFailuresLeft.getAndDecrement() > 0) {
      throw new IllegalStateException("profile service unavailable");
    }
    state.profileSource = e.source();
    return state;
  }
}
