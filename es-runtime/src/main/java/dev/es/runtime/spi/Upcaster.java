package dev.es.runtime.spi;

/**
 * Converts an event of one revision into the next revision; generated code calls the user's conversion method.
 *
 * @param <F> the older revision's record
 * @param <T> the next revision's record
 */
@FunctionalInterface
public interface Upcaster<F, T> {
  T upcast(F older);
}
