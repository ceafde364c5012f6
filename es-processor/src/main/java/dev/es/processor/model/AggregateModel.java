package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Everything the generators need to know about one {@code @EventSourced} type, already validated.
 *
 * @param element the annotated type, kept only as the originating element of generated files
 * @param aggregate the aggregate class
 * @param name the stable aggregate type name
 * @param style mutable class or record
 * @param eventBase the common type of the aggregate's events
 * @param handlers the {@code @Apply} methods, in declaration order
 * @param snapshot present when the aggregate supports snapshots
 */
public record AggregateModel(
    TypeElement element,
    ClassName aggregate,
    String name,
    StateStyle style,
    ClassName eventBase,
    List<ApplyHandlerModel> handlers,
    Optional<SnapshotModel> snapshot) {
  public AggregateModel {
    handlers = List.copyOf(handlers);
  }

  /** The default of snapshots every this many events; 0 when none. */
  public int snapshotEvery() {
    return snapshot.map(SnapshotModel::every).orElse(0);
  }

  /** The default of snapshots after a load replayed more than this many events; 0 when none. */
  public int snapshotAfterReplaying() {
    return snapshot.map(SnapshotModel::afterReplaying).orElse(0);
  }
}
