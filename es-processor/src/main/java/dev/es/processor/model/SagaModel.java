package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.TypeElement;

/**
 * Everything the saga type generator needs to know about one {@code @Saga} class, already validated.
 *
 * @param element the annotated class, kept only as the originating element of the generated file
 * @param saga the saga (state) class
 * @param name the stable saga name
 * @param style record (handlers return the next state) or mutable class (handlers return {@code void})
 * @param handlers the {@code @SagaEventHandler} methods, in declaration order
 * @param deadlines the {@code @DeadlineHandler} methods, in declaration order
 */
public record SagaModel(
    TypeElement element,
    ClassName saga,
    String name,
    StateStyle style,
    List<SagaHandlerModel> handlers,
    List<DeadlineHandlerModel> deadlines) {
  public SagaModel {
    Objects.requireNonNull(saga);
    Objects.requireNonNull(name);
    Objects.requireNonNull(style);
    handlers = List.copyOf(handlers);
    deadlines = List.copyOf(deadlines);
  }

  /** Whether any event handler declares a checked exception, so {@code handle} must declare it. */
  public boolean handlersThrow() {
    return handlers.stream().anyMatch(SagaHandlerModel::throwsChecked);
  }

  /** Whether any deadline handler declares a checked exception, so {@code onDeadline} must declare it. */
  public boolean deadlinesThrow() {
    return deadlines.stream().anyMatch(DeadlineHandlerModel::throwsChecked);
  }
}
