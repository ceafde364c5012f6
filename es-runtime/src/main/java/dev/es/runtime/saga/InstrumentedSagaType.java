package dev.es.runtime.saga;

import dev.es.runtime.EventSerializer;
import dev.es.runtime.MetadataContext;
import dev.es.runtime.observation.Instrumentation;
import dev.es.runtime.observation.Operation;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A saga type whose handlers are timed and observed ({@code es.saga.handle}), continuing the trace found in the
 * metadata of the event being handled, and whose fired deadlines are counted. What a runner hosts when its store
 * has a meter or observation registry.
 */
final class InstrumentedSagaType<S> implements SagaType<S> {

  private final SagaType<S> type;
  private final Instrumentation instrumentation;

  InstrumentedSagaType(SagaType<S> type, Instrumentation instrumentation) {
    this.type = type;
    this.instrumentation = instrumentation;
  }

  @Override
  public String name() {
    return type.name();
  }

  @Override
  public Class<S> stateClass() {
    return type.stateClass();
  }

  @Override
  public S create() {
    return type.create();
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return type.eventTypes();
  }

  @Override
  public Optional<Binding> bind(Object event) {
    return type.bind(event);
  }

  @Override
  public S handle(S state, Object event, SagaContext context) throws Exception {
    return observed(event.getClass().getSimpleName(), () -> type.handle(state, event, context));
  }

  @Override
  public S onDeadline(S state, SagaDeadline deadline, SagaContext context) throws Exception {
    instrumentation.deadlineFired(type.name());
    return observed("deadline " + deadline.name(), () -> type.onDeadline(state, deadline, context));
  }

  /** A handler call of the wrapped type. */
  @FunctionalInterface
  private interface Handler<S> {
    S call() throws Exception;
  }

  /**
   * Runs a handler inside its observation. The runtime handles each event and deadline inside a metadata scope
   * ({@code MetadataContext.causedBy}): its metadata carries the trace to continue.
   */
  private S observed(String handled, Handler<S> handler) throws Exception {
    Operation operation = instrumentation.sagaHandler(type.name(), handled,
        MetadataContext.currentMetadata().attributes());
    try {
      S next = handler.call();
      operation.end(Operation.OK, null);
      return next;
    } catch (Exception e) {
      operation.end(Operation.FAILED, e);
      throw e;
    }
  }

  @Override
  public String writeState(S state, EventSerializer json) {
    return type.writeState(state, json);
  }

  @Override
  public S readState(String json, EventSerializer serializer) throws IOException {
    return type.readState(json, serializer);
  }
}
