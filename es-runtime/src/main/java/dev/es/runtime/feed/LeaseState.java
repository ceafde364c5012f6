package dev.es.runtime.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease row as a read shows it, for monitoring: who last took the lease, until when, and the progress it carries.
 *
 * @param name the lease
 * @param owner who took it last
 * @param epoch how many times it was taken
 * @param expires when it ends unless renewed; a released lease has expired
 * @param position the progress its owner stored with it (a publisher's current bucket, a consumer's checkpoint)
 */
public record LeaseState(String name, String owner, long epoch, Instant expires, long position) {

  public LeaseState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expires, "expires");
  }

  /** Whether the lease is held at {@code now}: not yet expired (by the clock of whoever compares). */
  public boolean heldAt(Instant now) {
    return expires.isAfter(now);
  }
}
