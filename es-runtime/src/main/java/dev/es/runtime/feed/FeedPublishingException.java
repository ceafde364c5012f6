package dev.es.runtime.feed;

/**
 * A publishing step failed while it was publishing certain streams: names the shard and each stream with the
 * versions it was publishing, so that a stream the cluster refuses (for example one whose events are more than a
 * mutation may hold) can be found from the publisher's status.
 */
public final class FeedPublishingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int shard;

  FeedPublishingException(int shard, String streams, Throwable cause) {
    super("feed shard " + shard + " cannot publish " + streams + ": " + cause, cause);
    this.shard = shard;
  }

  /** The shard whose publisher failed. */
  public int shard() {
    return shard;
  }
}
