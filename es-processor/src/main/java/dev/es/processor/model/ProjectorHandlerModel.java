package dev.es.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * One {@code @Handle} method of a projector.
 *
 * @param methodName the method's name
 * @param event the event record it takes
 * @param eventType the event's stored type name ({@code @Event} name or the record's simple name)
 * @param withFeedEvent whether it takes the {@code FeedEvent} as second parameter
 * @param throwsChecked whether it declares a checked exception
 * @param async whether it returns a {@code CompletionStage} (otherwise {@code void})
 */
public record ProjectorHandlerModel(
    String methodName, ClassName event, String eventType, boolean withFeedEvent, boolean throwsChecked,
    boolean async) {}
