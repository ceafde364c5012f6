package dev.es.processor.validation;

import dev.es.annotations.Apply;
import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.EventSourced;
import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import dev.es.processor.RoundElements;
import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Reports method annotations outside the type annotation they belong to: {@code @Apply} outside an
 * {@code @EventSourced} type, {@code @Handle}/{@code @Reset} outside a {@code @Projector}, and the saga method
 * annotations outside a {@code @Saga} (once per method).
 */
public final class HandlerPlacement {

  private final Diagnostics diagnostics;

  public HandlerPlacement(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void check(RoundElements elements) {
    for (ExecutableElement method : elements.methods(Apply.class)) {
      Element enclosing = method.getEnclosingElement();
      if (!elements.isAnnotated(enclosing, EventSourced.class)) {
        diagnostics.report(Message.APPLY_OUTSIDE, method, method.getSimpleName() + "()", enclosing.getSimpleName());
      }
    }
    check(elements, List.of(Handle.class, Reset.class), Projector.class, Message.PROJECTOR_OUTSIDE);
    check(
        elements, List.of(SagaEventHandler.class, DeadlineHandler.class, StartSaga.class, EndSaga.class), Saga.class,
        Message.SAGA_OUTSIDE);
  }

  private void check(
      RoundElements elements, List<Class<? extends Annotation>> annotations, Class<? extends Annotation> owner,
      Message message) {
    Set<ExecutableElement> reported = new HashSet<>();
    for (Class<? extends Annotation> annotation : annotations) {
      for (ExecutableElement method : elements.methods(annotation)) {
        Element enclosing = method.getEnclosingElement();
        if (!elements.isAnnotated(enclosing, owner) && reported.add(method)) {
          diagnostics.report(
              message, method, annotation.getSimpleName(), method.getSimpleName() + "()", enclosing.getSimpleName(),
              enclosing.getSimpleName());
        }
      }
    }
  }
}
