package dev.es.runtime.projection;

import dev.es.runtime.AfterAppendListener;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.feed.FeedEvent;

/**
 * Runs a projection right after each successful append, on the appending thread, for read-your-writes. A
 * failure never undoes the append: the caller gets an {@code AfterAppendListenerException}. Run the same
 * projection as a catch-up projection too if it must also survive a crash between append and update.
 */
public final class InlineProjection implements AfterAppendListener {

  private final Projection projection;

  private InlineProjection(Projection projection) {
    this.projection = projection;
  }

  /** Registers the projection with the store; returns the listener so it can be removed again. */
  public static InlineProjection register(CassandraEventStore store, Projection projection) {
    InlineProjection inline = new InlineProjection(projection);
    store.addAfterAppendListener(inline);
    return inline;
  }

  @Override
  public void afterAppend(AppendResult result) throws Exception {
    for (EventEnvelope<Object> event : result.events()) {
      projection.handle(new FeedEvent(FeedEvent.NOT_IN_FEED, FeedEvent.NOT_IN_FEED, event));
    }
  }
}
