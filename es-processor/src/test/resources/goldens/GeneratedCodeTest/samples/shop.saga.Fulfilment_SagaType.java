package shop.saga;

import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Fulfilment}. Do not edit.
 *
 * <p>The saga {@code "fulfilment"}: hand it to {@code SagaRunner.builder(feed).add(new Fulfilment_SagaType())}.
 */
@Generated("dev.es.processor.EsProcessor")
public final class Fulfilment_SagaType implements SagaType<Fulfilment> {
  /**
   * The saga's name: it keys its instances, associations, deadlines and checkpoints.
   */
  public static final String NAME = "fulfilment";

  private static final List<EventType<?>> EVENT_TYPES = List.of(
      EventType.newest("OrderPlaced", 1, OrderEvents.OrderPlaced.class),
      EventType.newest("PaymentFailed", 1, OrderEvents.PaymentFailed.class),
      EventType.newest("OrderShipped", 1, OrderEvents.OrderShipped.class));

  /**
   * Stateless: one instance serves every saga instance.
   */
  public Fulfilment_SagaType() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Fulfilment> stateClass() {
    return Fulfilment.class;
  }

  /**
   * The state of a new instance: the saga's constructor without parameters.
   */
  @Override
  public Fulfilment create() {
    return new Fulfilment();
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return EVENT_TYPES;
  }

  @Override
  public Optional<SagaType.Binding> bind(Object event) {
    if (event instanceof OrderEvents.OrderPlaced e) {
      return Optional.of(SagaType.Binding.starting("orderId", e.orderId()));
    }
    if (event instanceof OrderEvents.PaymentFailed e) {
      return Optional.of(SagaType.Binding.continuing("orderId", e.orderId()));
    }
    if (event instanceof OrderEvents.OrderShipped e) {
      return Optional.of(SagaType.Binding.continuing("orderId", e.orderId()));
    }
    return Optional.empty();
  }

  @Override
  public Fulfilment handle(Fulfilment state, Object event, SagaContext context) throws Exception {
    if (event instanceof OrderEvents.OrderPlaced e) {
      state.on(e, context);
      return state;
    }
    if (event instanceof OrderEvents.PaymentFailed e) {
      state.on(e, context);
      return state;
    }
    if (event instanceof OrderEvents.OrderShipped e) {
      state.on(e);
      context.end();
      return state;
    }
    throw new IllegalArgumentException("Saga fulfilment (shop.saga.Fulfilment) has no @SagaEventHandler for " + event.getClass().getName());
  }

  @Override
  public Fulfilment onDeadline(Fulfilment state, SagaDeadline deadline, SagaContext context) {
    if ("retry-payment".equals(deadline.name())) {
      state.retry(context);
      return state;
    }
    throw new IllegalArgumentException("Saga fulfilment (shop.saga.Fulfilment) has no @DeadlineHandler for deadline '" + deadline.name() + "'");
  }
}
