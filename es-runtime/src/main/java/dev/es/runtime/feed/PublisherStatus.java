package dev.es.runtime.feed;

import java.time.Instant;
import java.util.Optional;

/**
 * What one shard's background publisher is doing.
 *
 * @param shard the shard
 * @param state running, failing (retrying) or failed (stopped)
 * @param since when it entered this state
 * @param failure for {@link State#FAILING} the last failure, for {@link State#FAILED} the one that stopped it; a
 *     {@link FeedPublishingException} names the streams (aggregate ids and versions) the step was publishing
 * @param failures consecutive failed attempts (0 while running)
 */
public record PublisherStatus(int shard, State state, Instant since, Optional<Throwable> failure, int failures) {

  /** A publisher's state. */
  public enum State {
    /** Publishing, or waiting for appends, or standing by while another process holds the shard. */
    RUNNING,
    /** Its last attempt failed with an exception; it tries again with a growing pause. */
    FAILING,
    /**
     * Stopped by a {@link java.lang.Error}: it does not try again until {@link FeedPublishers#restart(int)}. Its lease is given up, so another process can publish the
     * shard.
     */
    FAILED,
    /** Closed. */
    STOPPED
  }
}
