package dev.es.it.lifecycle;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.UUID;

/** An immutable (record) aggregate, for closing through a record repository. */
@EventSourced
public record Score(UUID id, long points) {

  Score(UUID id) {
    this(id, 0);
  }

  public sealed interface ScoreEvent permits Scored {}

  public record Scored(long points) implements ScoreEvent {}

  @Apply
  Score on(Scored e) {
    return new Score(id, points + e.points());
  }
}
