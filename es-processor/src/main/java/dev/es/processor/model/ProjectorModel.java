package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Everything the projection generator needs to know about one {@code @Projector} class, already validated.
 *
 * @param element the annotated class, kept only as the originating element of the generated file
 * @param projector the projector class
 * @param name the stable projection name
 * @param handlers the {@code @Handle} methods, in declaration order
 * @param resetMethod the {@code @Reset} method's name, if any
 * @param resetThrows whether the {@code @Reset} method declares checked exceptions
 */
public record ProjectorModel(
    TypeElement element,
    ClassName projector,
    String name,
    List<ProjectorHandlerModel> handlers,
    Optional<String> resetMethod,
    boolean resetThrows) {
  public ProjectorModel {
    Objects.requireNonNull(projector);
    Objects.requireNonNull(name);
    handlers = List.copyOf(handlers);
    Objects.requireNonNull(resetMethod);
  }

  /** Whether any handler declares a checked exception, so {@code handle} must declare {@code throws Exception}. */
  public boolean handlersThrow() {
    return handlers.stream().anyMatch(ProjectorHandlerModel::throwsChecked);
  }
}
