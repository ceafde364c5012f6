package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Projector} that handles one event type.
 *
 * <p>The method is non-private and non-static and takes the event record (its newest revision; older stored
 * revisions are upcast before they reach projections), optionally followed by a
 * {@code dev.es.runtime.feed.FeedEvent} to see the envelope: event and aggregate ids, version, timestamp, user,
 * metadata, and the feed shard and position. It may throw any exception: the runner retries the event, then
 * stops the projection. Its return value, if any, is ignored. At most one handler per event record.
 *
 * <pre>{@code
 * @Handle void on(UserRegistered e) { ... }
 * @Handle void on(EmailChanged e, FeedEvent event) { ... event.envelope().aggregateId() ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Handle {}
