package dev.es.runtime.internal;

/**
 * Where a feed publisher reports its progress to a {@link PublisherProgressListener}, so that a test can stop it
 * there to simulate a crash: after a batch's feed write, after its marks, and after each mark a new owner redoes
 * in its recovery.
 */
public enum PublisherProgress { AFTER_FEED_WRITE, AFTER_MARK, AFTER_REDONE_MARK }
