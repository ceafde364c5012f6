package dev.es.runtime.feed;

/**
 * Ownership of one named piece of work (a feed shard's publisher, a projection's shard). The epoch grows with every
 * acquisition; writes made on behalf of the lease are conditioned on it, so an owner that lost its lease during a
 * long pause is fenced off instead of writing over its successor's work.
 *
 * @param name what is owned
 * @param owner who owns it
 * @param epoch the acquisition's epoch
 * @param position the owner's stored progress (a consumer's checkpoint, the publisher's bucket); 0 at first
 */
public record Lease(String name, String owner, long epoch, long position) {}
