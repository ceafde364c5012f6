package dev.es.runtime;

import java.time.Instant;

/**
 * What one {@link StreamArchiver} run did.
 *
 * @param closedBefore the run's cutoff: streams closed before it were due
 * @param archived streams this run moved to the archive table (or finished moving, after an earlier run stopped)
 * @param unpublished streams due but left in the events table because the feed has not published all of their
 *     events yet; a later run archives them
 */
public record ArchiveRun(Instant closedBefore, int archived, int unpublished) {}
