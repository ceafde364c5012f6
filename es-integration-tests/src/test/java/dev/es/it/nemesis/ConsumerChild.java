package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderSaga;
import dev.es.runtime.AppendMode;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import java.time.Clock;

/**
 * A process of the nemesis run that reads the events: a feed publisher, a runner of the shared {@link TallyProjection}
 * or the runner of {@link OrderSaga}, under the owner name given, until it is killed.
 *
 * <p>Arguments: proxy mapping ({@link ProxyTranslator}), role ({@code publisher}, {@code projection}, {@code saga}),
 * owner.
 */
public final class ConsumerChild {

  public static void main(String[] args) throws Exception {
    String role = args[1];
    String owner = args[2];
    CqlSession session = ChildSession.retrying("opening the session", () -> ChildSession.open(args[0]));
    CassandraEventStore store = NemesisSetup.store(session, AppendMode.CONDITIONAL, Clock.systemUTC());
    Feed feed = NemesisSetup.feed(session, store);
    switch (role) {
      case "publisher" -> feed.startPublishing(owner);
      case "projection" -> ChildSession.retrying("starting the projection", () -> ProjectionRunner.builder(feed)
          .owner(owner).add(new TallyProjection(session, TallyProjection.NAME, TallyProjection.TABLE)).build()
          .start());
      case "saga" -> ChildSession.retrying("starting the saga", () -> SagaRunner.builder(feed).owner(owner)
          .add(OrderSaga.TYPE).build().start());
      default -> throw new IllegalArgumentException("role must be publisher, projection or saga, was " + role);
    }
    ChildSession.announce("STARTED " + role + " " + owner);
    ChildSession.sleepForever();
  }

  private ConsumerChild() {}
}
