package dev.es.runtime.admin;

import dev.es.runtime.feed.Backlog;
import dev.es.runtime.feed.LeaseState;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed shard: who publishes it, how far it is published, and what is appended but not yet published.
 *
 * @param shard the shard
 * @param publisherLease the lease of its publisher as last taken; empty if no publisher ever ran
 * @param publishing whether that lease is held now, i.e. a publisher is at work on the shard
 * @param headPosition the position the next published event of the shard will get
 * @param backlog what the shard has appended and not yet published
 */
public record ShardInspection(
    int shard, Optional<LeaseState> publisherLease, boolean publishing, long headPosition, Backlog backlog) {

  public ShardInspection {
    Objects.requireNonNull(publisherLease, "publisherLease");
    Objects.requireNonNull(backlog, "backlog");
  }
}
