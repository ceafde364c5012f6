/**
 * The annotations application code puts on aggregates, events and read models. They carry no behaviour: the
 * {@code es-processor} annotation processor reads them at compile time and generates the dispatchers,
 * repositories, snapshot serializers, event registries, read-model tables, projections and saga types the runtime
 * uses.
 *
 * <ul>
 *   <li>{@link dev.es.annotations.EventSourced} marks an aggregate (a mutable class extending
 *       {@code AggregateRoot<E>}, or an immutable record);
 *   <li>{@link dev.es.annotations.Apply} marks the methods that apply one event to the aggregate;
 *   <li>{@link dev.es.annotations.Event} gives an event record a stable type name and a revision;
 *   <li>{@link dev.es.annotations.Upcast} marks the method of an old event revision that returns the next one;
 *   <li>{@link dev.es.annotations.Projection} marks a read-model record stored in a generated Cassandra table;
 *   <li>{@link dev.es.annotations.Projector} marks a class whose {@link dev.es.annotations.Handle} methods update
 *       read models from events, and whose {@link dev.es.annotations.Reset} method empties them for a rebuild;
 *   <li>{@link dev.es.annotations.Saga} marks a saga's state class, whose
 *       {@link dev.es.annotations.SagaEventHandler} methods (some {@link dev.es.annotations.StartSaga}, some
 *       {@link dev.es.annotations.EndSaga}) react to events associated by a property, and whose
 *       {@link dev.es.annotations.DeadlineHandler} methods handle its scheduled deadlines.
 * </ul>
 */
package dev.es.annotations;
