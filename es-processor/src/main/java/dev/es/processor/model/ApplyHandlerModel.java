package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One {@code @Apply} method.
 *
 * @param methodName the method's name
 * @param event the newest-revision event record it takes
 * @param revisions every revision of that event type, oldest first; the last one is {@code event} itself
 */
public record ApplyHandlerModel(String methodName, ClassName event, List<EventTypeModel> revisions) {
  public ApplyHandlerModel {
    revisions = List.copyOf(revisions);
  }

  /** The newest revision: the one the method takes. */
  public EventTypeModel current() {
    return revisions.get(revisions.size() - 1);
  }
}
