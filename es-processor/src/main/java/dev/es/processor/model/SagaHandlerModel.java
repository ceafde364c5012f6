package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;

/**
 * One {@code @SagaEventHandler} method.
 *
 * @param methodName the method's name
 * @param event the newest-revision event record it takes
 * @param revisions every revision of that event type, oldest first; the last one is {@code event} itself
 * @param associationProperty the event record component whose value associates the event with instances
 * @param associationKey the key the value is looked up under: {@code keyName}, or the property's name
 * @param starts whether it is a {@code @StartSaga} handler
 * @param ends whether it is an {@code @EndSaga} handler (the generated code calls {@code context.end()} after it)
 * @param withContext whether it takes the {@code SagaContext} as second parameter
 * @param throwsChecked whether it declares a checked exception
 */
public record SagaHandlerModel(
    String methodName,
    ClassName event,
    List<EventTypeModel> revisions,
    String associationProperty,
    String associationKey,
    boolean starts,
    boolean ends,
    boolean withContext,
    boolean throwsChecked) {
  public SagaHandlerModel {
    Objects.requireNonNull(methodName);
    Objects.requireNonNull(event);
    revisions = List.copyOf(revisions);
    Objects.requireNonNull(associationProperty);
    Objects.requireNonNull(associationKey);
  }
}
