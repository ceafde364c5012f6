/**
 * The contract between the annotation processor and the runtime: generated code implements these interfaces
 * (aggregate types by extending {@link dev.es.runtime.spi.AbstractAggregateType}), the runtime calls them.
 * Generated read-model tables extend {@link dev.es.runtime.spi.AbstractTable}, which owns what every table shares.
 * Application code never implements them by hand except in tests.
 *
 * <p>Generated implementations are found through {@link java.util.ServiceLoader} (a generated
 * {@code META-INF/services/dev.es.runtime.spi.AggregateType} file), never by classpath scanning or reflection
 * over members.
 */
package dev.es.runtime.spi;
