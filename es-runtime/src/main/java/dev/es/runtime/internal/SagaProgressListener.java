package dev.es.runtime.internal;

import java.util.UUID;

/** Told each {@link SagaProgress} a saga instance reaches: for fault-injection tests. */
@FunctionalInterface
public interface SagaProgressListener {

  /** The listener of a runner no test watches. */
  SagaProgressListener NONE = (progress, saga, instance, cause) -> {};

  void reached(SagaProgress progress, String saga, UUID instance, UUID cause);
}
