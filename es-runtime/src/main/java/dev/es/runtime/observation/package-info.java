/**
 * Metrics (Micrometer) and observations (the Micrometer Observation API, so OpenTelemetry or Brave tracing) of the
 * runtime, switched on by handing a {@code MeterRegistry} and/or an {@code ObservationRegistry} to
 * {@code EventStoreOptions}: everything built on that store (repositories, feed, runners) reports through
 * {@link dev.es.runtime.observation.Instrumentation}. Without them, {@link Instrumentation#NONE} does nothing.
 */
package dev.es.runtime.observation;
