package dev.es.processor.model;

import java.util.Objects;

/**
 * One {@code @DeadlineHandler} method.
 *
 * @param deadline the deadline name it handles
 * @param methodName the method's name
 * @param withDeadline whether it takes the {@code SagaDeadline} (always the first parameter when present)
 * @param withContext whether it takes the {@code SagaContext} (always the last parameter when present)
 * @param ends whether it is an {@code @EndSaga} handler
 * @param throwsChecked whether it declares a checked exception
 */
public record DeadlineHandlerModel(
    String deadline, String methodName, boolean withDeadline, boolean withContext, boolean ends,
    boolean throwsChecked) {
  public DeadlineHandlerModel {
    Objects.requireNonNull(deadline);
    Objects.requireNonNull(methodName);
  }
}
