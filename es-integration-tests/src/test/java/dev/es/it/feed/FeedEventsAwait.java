package dev.es.it.feed;

import dev.es.runtime.feed.FeedOptions;

/** Waiting that the feed's design makes necessary: a dead owner's lease must run out before anyone takes over. */
final class FeedEventsAwait {

  private FeedEventsAwait() {}

  /** Lets every lease taken so far expire (their expiry is a stored instant; nothing can be polled for it). */
  static void untilLeasesExpire(FeedOptions options) {
    try {
      Thread.sleep(options.leaseDuration().toMillis() + 100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
