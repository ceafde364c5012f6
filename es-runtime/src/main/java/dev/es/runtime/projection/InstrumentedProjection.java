package dev.es.runtime.projection;

import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.observation.Instrumentation;
import dev.es.runtime.observation.Operation;
import java.util.concurrent.CompletionStage;

/**
 * A projection whose handler is timed and observed ({@code es.projection.handle}), continuing the trace of the
 * append that stored each event. What a runner hosts when its store has a meter or observation registry.
 */
final class InstrumentedProjection implements Projection {

  private final Projection projection;
  private final Instrumentation instrumentation;

  InstrumentedProjection(Projection projection, Instrumentation instrumentation) {
    this.projection = projection;
    this.instrumentation = instrumentation;
  }

  @Override
  public String name() {
    return projection.name();
  }

  @Override
  public boolean handles(String eventType) {
    return projection.handles(eventType);
  }

  @Override
  public void handle(FeedEvent event) throws Exception {
    Operation operation = start(event);
    try {
      projection.handle(event);
    } catch (Exception e) {
      operation.end(Operation.FAILED, e);
      throw e;
    }
    operation.end(Operation.OK, null);
  }

  @Override
  public CompletionStage<Void> handleAsync(FeedEvent event) {
    Operation operation = start(event);
    CompletionStage<Void> handled;
    try {
      handled = projection.handleAsync(event);
    } catch (RuntimeException e) {
      operation.end(Operation.FAILED, e);
      throw e;
    } finally {
      operation.closeScope();
    }
    return handled.whenComplete((done, failure) ->
        operation.stop(failure == null ? Operation.OK : Operation.FAILED, failure));
  }

  @Override
  public void reset() throws Exception {
    projection.reset();
  }

  private Operation start(FeedEvent event) {
    return instrumentation.projectionHandler(projection.name(), event.envelope().eventType(),
        event.envelope().metadata().attributes());
  }
}
