package dev.es.runtime;

/**
 * How {@link CassandraEventStore} writes an append. See {@code docs/event-store.md}, "Single-writer appends",
 * for exactly what {@link #SINGLE_WRITER} gives up.
 */
public enum AppendMode {

  /**
   * The default: each append is one lightweight transaction that checks the expected version. Any number of
   * processes may write the same aggregate; a stale writer gets a {@link ConcurrencyConflictException}.
   */
  CONDITIONAL,

  /**
   * Each append is one plain (unconditional) single-partition batch: no Paxos round, so cheaper and faster, for
   * applications that already guarantee one writer per aggregate (an actor, a shard owner). The store trusts the
   * expected version it is given and never reports a conflict: if two writers do append to one aggregate, the
   * later write silently replaces the earlier one's events at the same versions. Each append first reads the
   * stream's head and close mark (one single-partition read), so that a closed stream refuses it; a close racing a
   * single-writer append is that one writer's to order.
   */
  SINGLE_WRITER
}
