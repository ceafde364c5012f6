package dev.es.it.privacy;

import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * On a customer's registration, asks the customer's mailbox for a welcome mail (with the address) and declares a
 * second request as its compensation: both are staged in the saga's row, the first until the next step, the
 * second while the instance lives. Its state holds no personal data.
 */
// by hand: generated saga types carry the event types without personal data until the processor lists them
final class WelcomeSaga implements SagaType<WelcomeSaga.State> {

  /** The instance's state: only the customer's id. */
  public static final class State {
    public UUID customerId;
  }

  static UUID mailbox(UUID customerId) {
    return UUID.nameUUIDFromBytes(("mailbox:" + customerId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String name() {
    return "Welcome";
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
    return List.of(PersonalTypes.REGISTERED, PersonalTypes.WELCOME_MAIL_REQUESTED);
  }

  @Override
  public Optional<Binding> bind(Object event) {
    if (event instanceof CustomerEvent.Registered e) {
      return Optional.of(Binding.starting("customerId", e.customerId()));
    }
    return Optional.empty();
  }

  @Override
  public State handle(State state, Object event, SagaContext context) {
    if (event instanceof CustomerEvent.Registered e) {
      state.customerId = e.customerId();
      context.emit("Mailbox", mailbox(e.customerId()), new WelcomeMailRequested(e.customerId(), e.email()));
      context.compensateWith("Mailbox", mailbox(e.customerId()),
          new WelcomeMailRequested(e.customerId(), e.email()));
      return state;
    }
    throw new IllegalArgumentException("saga Welcome has no handler for " + event.getClass().getName());
  }
}
