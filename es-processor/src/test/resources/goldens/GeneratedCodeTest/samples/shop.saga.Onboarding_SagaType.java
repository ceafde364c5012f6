package shop.saga;

import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;
import shop.EmailChanged;
import shop.UserRegistered;
import shop.UserRegisteredV1;

/**
 * Generated from {@link Onboarding}. Do not edit.
 *
 * <p>The saga {@code "onboarding"}: hand it to {@code SagaRunner.builder(feed).add(new Onboarding_SagaType())}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class Onboarding_SagaType implements SagaType<Onboarding> {
  /**
   * The saga's name: it keys its instances, associations, deadlines and checkpoints.
   */
  public static final String NAME = "onboarding";

  private static final List<EventType<?>> EVENT_TYPES = List.of(
      EventType.upcasting("UserRegistered", 1, UserRegisteredV1.class, older -> older.next()),
      EventType.newest("UserRegistered", 2, UserRegistered.class),
      EventType.newest("EmailChanged", 1, EmailChanged.class));

  /**
   * Stateless: one instance serves every saga instance.
   */
  public Onboarding_SagaType() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Onboarding> stateClass() {
    return Onboarding.class;
  }

  /**
   * The state of a new instance: the saga's constructor without parameters.
   */
  @Override
  public Onboarding create() {
    return new Onboarding();
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public Optional<SagaType.Binding> bind(Object event) {
    if (event instanceof UserRegistered e) {
      return Optional.of(SagaType.Binding.starting("email", e.email()));
    }
    if (event instanceof EmailChanged e) {
      return Optional.of(SagaType.Binding.continuing("email", e.oldEmail()));
    }
    return Optional.empty();
  }

  @Override
  public Onboarding handle(Onboarding state, Object event, SagaContext context) {
    if (event instanceof UserRegistered e) {
      return state.on(e, context);
    }
    if (event instanceof EmailChanged e) {
      return state.on(e, context);
    }
    throw new IllegalArgumentException("Saga onboarding (shop.saga.Onboarding) has no @SagaEventHandler for " + event.getClass().getName());
  }

  @Override
  public Onboarding onDeadline(Onboarding state, SagaDeadline deadline, SagaContext context) {
    if ("remind".equals(deadline.name())) {
      return state.remind(deadline, context);
    }
    if ("give-up".equals(deadline.name())) {
      Onboarding next = state.giveUp();
      context.end();
      return next;
    }
    throw new IllegalArgumentException("Saga onboarding (shop.saga.Onboarding) has no @DeadlineHandler for deadline '" + deadline.name() + "'");
  }
}
