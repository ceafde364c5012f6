package dev.es.spring.boot;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.projection.InlineProjection;
import dev.es.runtime.projection.Projection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;

/**
 * The projections named in {@code es.projections.inline}, run right after each append on the appending thread
 * (read-your-writes) instead of on the feed; removed from the store when the context closes.
 */
public class InlineProjections implements DisposableBean {

  private final CassandraEventStore store;
  private final List<InlineProjection> registered = new ArrayList<>();

  /**
   * Registers each projection of {@code projections} whose name is in {@code inline}.
   *
   * @throws IllegalArgumentException naming the unknown names if {@code inline} names a projection that is not a
   *     bean
   */
  public InlineProjections(CassandraEventStore store, List<Projection> projections, List<String> inline) {
    this.store = store;
    List<String> unknown = new ArrayList<>(inline);
    for (Projection projection : projections) {
      if (inline.contains(projection.name())) {
        registered.add(InlineProjection.register(store, projection));
        unknown.remove(projection.name());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("es.projections.inline names projections that are not beans: " + unknown
          + "; known: " + projections.stream().map(Projection::name).toList());
    }
  }

  @Override
  public void destroy() {
    registered.forEach(store::removeAfterAppendListener);
  }
}
