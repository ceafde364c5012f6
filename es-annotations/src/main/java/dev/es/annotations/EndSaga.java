package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link SagaEventHandler} or {@link DeadlineHandler} after which the saga instance ends: the generated
 * code calls {@code SagaContext.end()} once the method has returned normally. An ended instance gets no more
 * events or deadlines. To end an instance only sometimes, call {@code context.end()} in the handler instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EndSaga {}
