package dev.es.examples.boot;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An in-memory tracer (micrometer-tracing's test support) behind the application's observations, with a
 * propagation of its own through two headers: what OpenTelemetry's or Brave's bridge would do with
 * {@code traceparent} or {@code b3}.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestTracing {

  static final String TRACE_ID = "test-trace-id";
  static final String SPAN_ID = "test-span-id";

  @Bean
  SimpleTracer tracer() {
    return new SimpleTracer();
  }

  @Bean
  ObservationHandler<?> tracingHandler(SimpleTracer tracer) {
    Propagator propagator = new HeaderPropagator(tracer);
    return new ObservationHandler.FirstMatchingCompositeObservationHandler(
        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
        new DefaultTracingObservationHandler(tracer));
  }

  /** Writes a span's trace and span ids into a carrier, and reads them back as the parent of a new span. */
  static final class HeaderPropagator implements Propagator {
    private final Tracer tracer;

    HeaderPropagator(Tracer tracer) {
      this.tracer = tracer;
    }

    @Override
    public List<String> fields() {
      return List.of(TRACE_ID, SPAN_ID);
    }

    @Override
    public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
      setter.set(carrier, TRACE_ID, context.traceId());
      setter.set(carrier, SPAN_ID, context.spanId());
    }

    @Override
    public <C> Span.Builder extract(C carrier, Getter<C> getter) {
      String traceId = getter.get(carrier, TRACE_ID);
      String spanId = getter.get(carrier, SPAN_ID);
      if (traceId == null || spanId == null) {
        // a new trace: SimpleTracer gives a span ids only below a parent, so the root hangs under an empty one
        return tracer.spanBuilder().setParent(tracer.traceContextBuilder()
            .traceId(UUID.randomUUID().toString().replace("-", "")).spanId("").sampled(true).build());
      }
      return tracer.spanBuilder().setParent(
          tracer.traceContextBuilder().traceId(traceId).spanId(spanId).sampled(true).build());
    }
  }
}
