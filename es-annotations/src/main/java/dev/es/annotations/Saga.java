package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a saga: a long-running process that reacts to events. The annotated class <em>is</em> the saga's state,
 * stored as JSON (the store's Jackson mapper) after every handled event; its {@link SagaEventHandler} and
 * {@link DeadlineHandler} methods are the steps. The processor generates, in the same package,
 * {@code <Name>_SagaType}: an implementation of {@code dev.es.runtime.spi.SagaType<Name>} whose {@code bind},
 * {@code handle} and {@code onDeadline} are straight-line code calling the record accessors of the association
 * properties and the handler methods (no reflection).
 *
 * <p>Two styles, as for aggregates:
 *
 * <ul>
 *   <li>an immutable <b>record</b>: handlers return the next state (the record type);
 *   <li>a mutable <b>class</b>: handlers return {@code void} and change its fields (which Jackson must be able to
 *       write and read: public fields, or getters and setters).
 * </ul>
 *
 * <p>A new instance is made by the saga's non-private constructor without parameters (for a record with
 * components, declare one, e.g. {@code OrderProcess() { this(null, Stage.NEW); }}). Everything a handler does
 * besides changing the state (emitting events, scheduling deadlines, compensations, ending the instance) goes
 * through the {@code dev.es.runtime.saga.SagaContext} it may take as last parameter.
 *
 * <pre>{@code
 * @Saga(name = "order-processing")
 * public record OrderProcess(UUID orderId, Stage stage) {
 *   OrderProcess() { this(null, Stage.NEW); }
 *
 *   @StartSaga
 *   @SagaEventHandler(associationProperty = "orderId")
 *   OrderProcess on(OrderCreated e, SagaContext context) {
 *     context.emit("Payment", e.paymentId(), new PaymentRequested(e.orderId(), e.paymentId(), e.amount()));
 *     context.schedule("payment-timeout", Duration.ofMinutes(30));
 *     return new OrderProcess(e.orderId(), Stage.PAYING);
 *   }
 *
 *   @EndSaga
 *   @SagaEventHandler(associationProperty = "orderId")
 *   OrderProcess on(ShipmentCreated e) { return new OrderProcess(orderId, Stage.SHIPPED); }
 *
 *   @DeadlineHandler("payment-timeout")
 *   OrderProcess timeout(SagaContext context) { ... }
 * }
 *
 * SagaRunner.builder(feed).add(new OrderProcess_SagaType()).build().start();
 * }</pre>
 *
 * <p>The class is a non-private, non-abstract, non-generic class or record (a nested one static), with at least
 * one {@link StartSaga} handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Saga {

  /**
   * The saga's stable name: it keys the saga's instances, associations, deadlines, leases and feed checkpoints in
   * Cassandra, so renaming it orphans every running instance. Letters, digits, {@code _}, {@code -} and
   * {@code .}, starting with a letter or digit, at most 100 characters; unique among the sagas of the application.
   */
  String name();
}
