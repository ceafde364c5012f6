package dev.es.runtime;

/**
 * Called after every successful append, on the appending thread (e.g. inline projections). An exception here
 * never undoes the append: the caller gets an {@link AfterAppendListenerException} carrying the result. A
 * listener may see the same events again when an append is retried, so it must be idempotent.
 */
@FunctionalInterface
public interface AfterAppendListener {
  void afterAppend(AppendResult result) throws Exception;
}
