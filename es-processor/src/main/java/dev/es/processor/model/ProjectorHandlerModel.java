package dev.es.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * One {@code @Handle} method of a projector.
 *
 * @param methodName the method's name
 * @param event the event record it takes
 * @param withFeedEvent whether it takes the {@code FeedEvent} as second parameter
 * @param throwsChecked whether it declares a checked exception
 */
public record ProjectorHandlerModel(String methodName, ClassName event, boolean withFeedEvent, boolean throwsChecked) {}
